package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A run in MLflow's file store: {@code meta.yaml} plus one file per param, tag and metric
 * and a plain {@code artifacts/} tree.
 */
final class FileStoreRun implements TrackedRun {

	/** MLflow's {@code RunStatus} numbers; the file store must hold the integer. */
	enum Status {

		RUNNING(1), FINISHED(3), FAILED(4);

		private final int code;

		Status(int code) {
			this.code = code;
		}

	}

	// MLflow's own key rule (letters, digits, _ - . space /); '..' is refused separately.
	private static final Pattern VALID_KEY = Pattern.compile("^[\\w\\-. /]{1,250}$");

	private final Path directory;

	private final String experimentId;

	private final String runId;

	private final String runName;

	private final String userId;

	private final Clock clock;

	private final long startTime;

	private final String viewCommand;

	FileStoreRun(Path directory, String experimentId, String runId, String runName, String userId, Clock clock,
			String viewCommand) {
		this.directory = directory;
		this.experimentId = experimentId;
		this.runId = runId;
		this.runName = runName;
		this.userId = userId;
		this.clock = clock;
		this.startTime = clock.millis();
		this.viewCommand = viewCommand;
	}

	@Override
	public String runId() {
		return this.runId;
	}

	@Override
	public String experimentId() {
		return this.experimentId;
	}

	@Override
	public String location() {
		return this.directory + " (view: " + this.viewCommand + ")";
	}

	@Override
	public String artifactUri() {
		return FileStoreYaml.fileUri(this.directory.resolve("artifacts"));
	}

	@Override
	public synchronized void logParams(Map<String, String> params) {
		Objects.requireNonNull(params, "'params' must not be null");
		params.forEach((key, value) -> {
			Path file = keyFile("params", key);
			String text = Objects.toString(value, "");
			try {
				if (Files.exists(file)) {
					String existing = Files.readString(file, StandardCharsets.UTF_8);
					if (!existing.equals(text)) {
						throw new TrackingException("Param '" + key + "' of run " + this.runId + " is already '"
								+ existing + "'; MLflow params cannot change (new value '" + text + "')");
					}
					return;
				}
				Files.createDirectories(file.getParent());
				FileStoreYaml.writeAtomically(file, text, this.directory);
			}
			catch (IOException ex) {
				throw failure("param " + key, ex);
			}
		});
	}

	@Override
	public void logMetrics(Map<String, Double> metrics) {
		Objects.requireNonNull(metrics, "'metrics' must not be null");
		long timestamp = this.clock.millis();
		metrics.forEach((key, value) -> {
			if (value != null) {
				appendMetric(key, value, timestamp, 0);
			}
		});
	}

	@Override
	public void logMetric(String key, double value, long step) {
		appendMetric(key, value, this.clock.millis(), step);
	}

	private synchronized void appendMetric(String key, double value, long timestamp, long step) {
		// NaN/Infinity would be readable by MLflow, but the tracker contract skips them
		// everywhere.
		if (!Double.isFinite(value)) {
			return;
		}
		Path file = keyFile("metrics", key);
		try {
			Files.createDirectories(file.getParent());
			// One write per whole line, so the file never holds a partial or empty
			// record.
			Files.writeString(file, timestamp + " " + value + " " + step + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw failure("metric " + key, ex);
		}
	}

	@Override
	public synchronized void setTags(Map<String, String> tags) {
		Objects.requireNonNull(tags, "'tags' must not be null");
		tags.forEach((key, value) -> {
			Path file = keyFile("tags", key);
			try {
				Files.createDirectories(file.getParent());
				FileStoreYaml.writeAtomically(file, Objects.toString(value, ""), this.directory);
			}
			catch (IOException ex) {
				throw failure("tag " + key, ex);
			}
		});
	}

	@Override
	public void logArtifacts(Path localPath, String artifactDir) {
		List<ArtifactFiles.ArtifactFile> files = ArtifactFiles.list(localPath, artifactDir);
		Path artifacts = this.directory.resolve("artifacts");
		for (ArtifactFiles.ArtifactFile file : files) {
			Path target = artifacts.resolve(file.artifactPath());
			try {
				Files.createDirectories(target.getParent());
				Files.copy(file.source(), target, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw failure("artifact " + file.artifactPath(), ex);
			}
		}
	}

	@Override
	public synchronized void end(boolean success) {
		try {
			writeMeta(success ? Status.FINISHED : Status.FAILED, this.clock.millis());
		}
		catch (IOException ex) {
			throw failure("meta.yaml", ex);
		}
	}

	synchronized void writeMeta(Status status, @Nullable Long endTime) throws IOException {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("artifact_uri", artifactUri());
		meta.put("deleted_time", null);
		meta.put("end_time", endTime);
		meta.put("entry_point_name", "");
		meta.put("experiment_id", this.experimentId);
		meta.put("lifecycle_stage", "active");
		meta.put("run_id", this.runId);
		meta.put("run_name", this.runName);
		// Not written by MLflow 3 any more, but MLflow 2 readers require it.
		meta.put("run_uuid", this.runId);
		meta.put("source_name", "");
		meta.put("source_type", 4);
		meta.put("source_version", "");
		meta.put("start_time", this.startTime);
		meta.put("status", status.code);
		meta.put("tags", List.of());
		meta.put("user_id", this.userId);
		FileStoreYaml.writeAtomically(this.directory.resolve("meta.yaml"), FileStoreYaml.toYaml(meta));
	}

	private Path keyFile(String folder, String key) {
		Objects.requireNonNull(key, "'key' must not be null");
		if (!VALID_KEY.matcher(key).matches() || key.startsWith("/") || List.of(key.split("/")).contains("..")
				|| List.of(key.split("/")).contains(".")) {
			throw new TrackingException("Invalid MLflow " + folder + " key '" + key
					+ "' (letters, digits, '_', '-', '.', ' ' and '/' only, no '.' or '..' segment)");
		}
		return this.directory.resolve(folder).resolve(key);
	}

	private TrackingException failure(String what, IOException ex) {
		return new TrackingException(
				"Cannot write " + what + " of run " + this.runId + " in " + this.directory + ": " + ex.getMessage(),
				ex);
	}

	@Override
	public String toString() {
		return "FileStoreRun[" + this.runId + " " + this.directory + "]";
	}

}
