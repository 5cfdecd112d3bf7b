package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the verdict of {@code reports/drift.json}, the report the drift command writes: a
 * retrain is called for when the overall status or the live error's status is
 * {@code drift}.
 */
public class DriftReport {

	private static final String DRIFT = "drift";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Path file;

	public DriftReport(Path file) {
		this.file = file;
	}

	/**
	 * Why the report calls for a retrain.
	 * @return the reason, or empty when it does not (or cannot be read)
	 * @throws IOException if the report cannot be read
	 */
	public Optional<String> retrainReason() throws IOException {
		JsonNode report;
		try {
			report = this.json.readTree(Files.readString(this.file));
		}
		catch (JacksonException ex) {
			throw new IOException("unreadable " + this.file + ": " + ex.getOriginalMessage(), ex);
		}
		if (DRIFT.equals(report.path("status").asString(""))) {
			return Optional.of("drift.json status is drift");
		}
		if (DRIFT.equals(report.path("live_error").path("status").asString(""))) {
			return Optional.of("drift.json live_error status is drift");
		}
		return Optional.empty();
	}

}
