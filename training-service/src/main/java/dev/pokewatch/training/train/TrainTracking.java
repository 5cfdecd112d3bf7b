package dev.pokewatch.training.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.IncompleteRunStartException;
import dev.pokewatch.training.tracking.TrackedRun;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * Records a training run in the experiment tracker. A tracking failure never fails
 * training: it is logged as one warning and the run, if any, is marked failed.
 */
final class TrainTracking {

	private static final Logger logger = LoggerFactory.getLogger(TrainTracking.class);

	private final ExperimentTracker tracker;

	/**
	 * Creates the tracking of a command.
	 * @param tracker the tracker, or {@code null} when none is configured
	 */
	TrainTracking(ExperimentTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * Starts a run tagged with the commit, data hash and chosen model.
	 * @return the run, or {@code null} when tracking is skipped
	 */
	TrackedRun start(TrainingParams params, FairPriceRule chosen, TrainingData data, String version) {
		if (this.tracker == null) {
			logger.warn("Tracking skipped: no experiment tracker is configured; outputs are written locally only");
			return null;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		gitCommit().ifPresent((commit) -> tags.put("git_commit", commit));
		tags.put("data_hash", data.dataHash());
		tags.put("model_type", chosen.type().id());
		tags.put("window_size", Integer.toString(chosen.windowDays()));
		tags.put("model_version", version);
		try {
			return this.tracker.startRun(params.train().experiment(), "train-" + chosen.id(), tags);
		}
		catch (IncompleteRunStartException ex) {
			// the run exists on the server: "skipped" would hide it
			if (ex.markedFailed()) {
				logger.warn("Tracking incomplete, run {} marked failed ({}); outputs are written locally", ex.runId(),
						ex.getMessage());
			}
			else {
				logger.warn(
						"Tracking incomplete, run {} may be left RUNNING on {}: marking it failed also failed "
								+ "({}); outputs are written locally",
						ex.runId(), this.tracker.describe(), ex.getMessage());
			}
			return null;
		}
		catch (TrackingException ex) {
			logger.warn("Tracking skipped ({}): {}; outputs are written locally only", this.tracker.describe(),
					ex.getMessage());
			return null;
		}
	}

	/**
	 * Logs the parameters, metrics and outputs of a finished run and ends it.
	 * @return the run's location, or {@code null} when it could not be logged completely
	 */
	String log(TrackedRun run, TrainingParams params, ModelSelection.Result result, TrainOutputs outputs) {
		try {
			run.logParams(runParams(params, result));
			run.logMetrics(result.metrics());
			run.logMetrics(result.gridMetrics());
			run.logArtifacts(outputs.candidateDir(), "model");
			for (Path image : outputs.images()) {
				run.logArtifacts(image, "plots");
			}
			run.logArtifacts(outputs.metricsFile(), "reports");
			run.logArtifacts(outputs.metricsFile().resolveSibling(TrainOutputs.VERDICT_FILE), "reports");
			run.end(true);
			return run.location();
		}
		catch (TrackingException ex) {
			logger.warn("Tracking incomplete, run {} marked failed ({}); outputs are written locally", run.runId(),
					ex.getMessage());
			fail(run);
			return null;
		}
	}

	/**
	 * Ends a run as failed, ignoring tracking errors.
	 * @param run the run
	 */
	static void fail(TrackedRun run) {
		try {
			run.end(false);
		}
		catch (TrackingException ex) {
			logger.debug("Could not end run {}", run.runId(), ex);
		}
	}

	private static Map<String, String> runParams(TrainingParams params, ModelSelection.Result result) {
		Map<String, String> p = new LinkedHashMap<>();
		ModelSelection.Candidate chosen = result.chosen();
		p.put("model_type", chosen.model().type().id());
		p.put("window_size", Integer.toString(chosen.model().windowDays()));
		p.put("trend", chosen.model().trend().id());
		p.put("signal_rule", chosen.signalRule().id());
		p.put("signal_unit", chosen.signalRule().unit().id());
		p.put("buy_threshold", Double.toString(chosen.signalRule().buyThreshold()));
		p.put("sell_threshold", Double.toString(chosen.signalRule().sellThreshold()));
		p.put("buy_threshold_pct", Double.toString(params.thresholds().buyThreshold()));
		p.put("sell_threshold_pct", Double.toString(params.thresholds().sellThreshold()));
		p.put("min_signal_price", Double.toString(params.thresholds().minSignalPrice()));
		p.put("grid_types", String.join(",", params.train().types().stream().map((t) -> t.id()).toList()));
		p.put("grid_windows", String.join(",", params.train().windows().stream().map(String::valueOf).toList()));
		p.put("grid_trends", String.join(",", params.train().trends().stream().map((t) -> t.id()).toList()));
		p.put("grid_strengths", String.join(",", params.train().strengths().stream().map(String::valueOf).toList()));
		p.put("dispersion_days", Integer.toString(params.train().dispersionDays()));
		p.put("min_dispersion", Double.toString(params.train().minDispersion()));
		p.put("holdout_days", Integer.toString(params.train().holdoutDays()));
		p.put("holdout_max_share", Double.toString(params.train().holdoutMaxShare()));
		p.put("min_history_days", Integer.toString(params.train().minHistoryDays()));
		p.put("horizon_days", Integer.toString(params.train().horizonDays()));
		p.put("min_signals", Integer.toString(params.train().minSignals()));
		p.put("min_lift", Double.toString(params.train().minLift()));
		p.put("naive_lookback_days", Integer.toString(params.train().naiveLookbackDays()));
		p.put("gate_mape_max", Double.toString(params.gate().mapeMax()));
		p.put("selection_window", result.selectionWindow().from() + ".." + result.selectionWindow().to());
		p.put("holdout_window", result.holdoutWindow().from() + ".." + result.holdoutWindow().to());
		p.put("outlier_window_days", Integer.toString(params.outlier().windowDays()));
		p.put("outlier_min_jump_factor", Double.toString(params.outlier().minJumpFactor()));
		p.put("outlier_mad_k", Double.toString(params.outlier().madK()));
		p.put("selection_reason", result.reason());
		return p;
	}

	private static Optional<String> gitCommit() {
		try {
			Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
			// wait first (a commit hash never fills the pipe), so a stuck git cannot
			// block training
			if (!git.waitFor(5, TimeUnit.SECONDS)) {
				git.destroyForcibly();
				return Optional.empty();
			}
			String output = new String(git.getInputStream().readAllBytes()).trim();
			if (git.exitValue() == 0 && output.matches("[0-9a-f]{40}")) {
				return Optional.of(output);
			}
		}
		catch (IOException ex) {
			// no git on this machine: the tag is optional
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Optional.empty();
	}

}
