package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.pokewatch.common.drift.DriftSummary;

/**
 * Reads the verdict of {@code reports/drift.json}, the report the drift command writes
 * (through common-model's one reader of it): a retrain is called for when the overall
 * status or the live error's status is {@code drift}.
 */
public class DriftRetrainTrigger {

	private static final String DRIFT = "drift";

	private final Path file;

	public DriftRetrainTrigger(Path file) {
		this.file = file;
	}

	/**
	 * Why the report calls for a retrain.
	 * @return the reason, or empty when it does not
	 * @throws IOException if the report cannot be read or is not a drift report
	 */
	public Optional<String> retrainReason() throws IOException {
		DriftSummary report = DriftSummary.read(this.file);
		if (DRIFT.equals(report.status())) {
			return Optional.of("drift.json status is drift");
		}
		if (DRIFT.equals(report.liveErrorStatus())) {
			return Optional.of("drift.json live_error status is drift");
		}
		return Optional.empty();
	}

}
