package dev.pokewatch.training.drift;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.TrackedRun;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * Records a drift check as a run of its own experiment: the PSIs, live error and hit rate
 * as metrics, the status and reasons as tags, {@code drift.json} as an artifact. A
 * tracking failure never fails the check (the report is written already): it is one
 * warning.
 */
final class DriftTracking {

	/** The run tag holding the overall status. */
	static final String STATUS_TAG = "drift.status";

	/** The run tag holding the reasons. */
	static final String REASONS_TAG = "drift.reasons";

	/** MLflow refuses longer tag values. */
	private static final int MAX_TAG_LENGTH = 5000;

	private static final Logger logger = LoggerFactory.getLogger(DriftTracking.class);

	private final ExperimentTracker tracker;

	/**
	 * Creates the tracking of a command.
	 * @param tracker the tracker, or {@code null} when none is configured
	 */
	DriftTracking(ExperimentTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * Logs a report.
	 * @param experiment the experiment
	 * @param report the report
	 * @param reportFile the written {@code drift.json}
	 * @return where the run can be seen, or a note on why it was not logged
	 */
	String log(String experiment, DriftReport report, Path reportFile) {
		if (this.tracker == null) {
			return "skipped: no experiment tracker is configured";
		}
		TrackedRun run = null;
		try {
			Map<String, String> tags = new LinkedHashMap<>();
			tags.put("model_version", report.modelVersion());
			tags.put(STATUS_TAG, report.status().id());
			String reasons = report.reasons().isEmpty() ? "none" : String.join("; ", report.reasons());
			tags.put(REASONS_TAG,
					(reasons.length() > MAX_TAG_LENGTH) ? reasons.substring(0, MAX_TAG_LENGTH - 3) + "..." : reasons);
			run = this.tracker.startRun(experiment, "drift-" + report.latestDay(), tags);
			run.logMetrics(metrics(report));
			run.logArtifacts(reportFile, "reports");
			run.end(true);
			return run.location();
		}
		catch (TrackingException ex) {
			logger.warn("Drift tracking failed ({}): {}; reports/drift.json is written", this.tracker.describe(),
					ex.getMessage());
			endFailed(run);
			return "failed: " + ex.getMessage();
		}
	}

	private static void endFailed(TrackedRun run) {
		if (run == null) {
			return;
		}
		try {
			run.end(false);
		}
		catch (TrackingException ex) {
			logger.debug("Could not mark the drift run failed", ex);
		}
	}

	/**
	 * The metrics of a report; non-finite values are left out by the tracker.
	 * @param report the report
	 * @return e.g. {@code psi_returns_sealed}, {@code live_mape}, {@code drift_severity}
	 */
	static Map<String, Double> metrics(DriftReport report) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("drift_severity", (double) report.status().severity());
		report.psi().forEach((feature, byCategory) -> byCategory.forEach((category, value) -> {
			if (value.psi() != null) {
				metrics.put("psi_" + feature + "_" + category, value.psi());
			}
		}));
		putIfPresent(metrics, "max_psi", report.maxPsi());
		putIfPresent(metrics, "live_mape", report.liveError().mape());
		putIfPresent(metrics, "live_mape_ratio", report.liveError().ratio());
		putIfPresent(metrics, "live_hit_rate", report.hitRate().hitRate());
		putIfPresent(metrics, "live_hit_rate_drop", report.hitRate().drop());
		metrics.put("live_signal_outcomes", (double) report.hitRate().outcomes());
		return metrics;
	}

	private static void putIfPresent(Map<String, Double> metrics, String name, Double value) {
		if (value != null) {
			metrics.put(name, value);
		}
	}

}
