package dev.pokewatch.training.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The promotion log, {@code models/promotions.jsonl} beside the served model: one JSON
 * line per gate decision, promoted or refused, saying which model is served from when and
 * why. Lines are only ever added; each append rewrites the file through a temporary file
 * and an atomic rename, so a crash leaves the old log or the new one, never half a line.
 */
final class PromotionLog {

	/** The log's file name, in the directory that holds the served model's directory. */
	static final String FILE_NAME = "promotions.jsonl";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PromotionLog() {
	}

	/**
	 * The log of a served model directory.
	 * @param baselineDir the served model's directory
	 * @return the log file beside it
	 */
	static Path fileFor(Path baselineDir) {
		Path parent = baselineDir.toAbsolutePath().normalize().getParent();
		return ((parent != null) ? parent : baselineDir).resolve(FILE_NAME);
	}

	/**
	 * Appends one decision.
	 * @param file the log
	 * @param entry the decision
	 * @throws IOException when the log cannot be written
	 */
	static void append(Path file, Entry entry) throws IOException {
		byte[] existing = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
		byte[] line = (JSON.writeValueAsString(entry.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
		Path temporary = file.resolveSibling("." + FILE_NAME + ".tmp");
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			byte[] all = new byte[existing.length + line.length];
			System.arraycopy(existing, 0, all, 0, existing.length);
			System.arraycopy(line, 0, all, existing.length, line.length);
			Files.write(temporary, all);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * One gate decision.
	 *
	 * @param decidedAt when the gate decided
	 * @param promoted whether the candidate was promoted
	 * @param candidateVersion the candidate's version
	 * @param championVersion the version served before, {@code null} when none was
	 * @param servedVersion the version served from {@code decidedAt} on
	 * @param reasons why: the failed checks, or that all passed
	 * @param mlflowRunId the candidate's training run, {@code null} when untracked
	 */
	record Entry(Instant decidedAt, boolean promoted, String candidateVersion, String championVersion,
			String servedVersion, List<String> reasons, String mlflowRunId) {

		Entry {
			reasons = List.copyOf(reasons);
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("decided_at", this.decidedAt.toString());
			json.put("decision", this.promoted ? "promoted" : "refused");
			json.put("candidate_version", this.candidateVersion);
			json.put("champion_version", this.championVersion);
			json.put("served_version", this.servedVersion);
			json.put("served_from", this.promoted ? this.decidedAt.toString() : null);
			json.put("reasons", this.reasons);
			json.put("mlflow_run_id", this.mlflowRunId);
			return json;
		}

	}

}
