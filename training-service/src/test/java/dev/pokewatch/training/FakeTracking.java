package dev.pokewatch.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.tracking.TrackedRun;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * In-memory tracker and registry that record what the commands send, for tests only.
 */
public final class FakeTracking implements ExperimentTracker, ModelRegistry {

	/** Runs started, in order. */
	public final List<Run> runs = new ArrayList<>();

	/**
	 * Registered versions: model name to the run ids of its versions (index + 1 =
	 * version).
	 */
	public final Map<String, List<String>> versions = new HashMap<>();

	/** Aliases: "model@alias" to version. */
	public final Map<String, String> aliases = new HashMap<>();

	/** Tags set on model versions, by {@code name/version}. */
	public final Map<String, Map<String, String>> versionTags = new HashMap<>();

	/** When set, every call fails with this message. */
	public String failWith;

	@Override
	public TrackedRun startRun(String experimentName, String runName, Map<String, String> tags) {
		failIfAsked();
		Run run = new Run("%032x".formatted(this.runs.size() + 1), experimentName);
		run.tags.putAll(tags);
		this.runs.add(run);
		return run;
	}

	@Override
	public void tagFinishedRun(String runId, Map<String, String> tags) {
		failIfAsked();
		this.runs.stream().filter((run) -> run.runId().equals(runId)).forEach((run) -> run.tags.putAll(tags));
	}

	@Override
	public String describe() {
		return "in-memory test tracker";
	}

	@Override
	public String registerVersion(String modelName, TrackedRun run) {
		failIfAsked();
		List<String> runIds = this.versions.computeIfAbsent(modelName, (name) -> new ArrayList<>());
		int existing = runIds.indexOf(run.runId());
		if (existing >= 0) {
			return Integer.toString(existing + 1);
		}
		runIds.add(run.runId());
		return Integer.toString(runIds.size());
	}

	@Override
	public void setAlias(String modelName, String alias, String version) {
		failIfAsked();
		this.aliases.put(modelName + "@" + alias, version);
	}

	@Override
	public void setVersionTags(String modelName, String version, Map<String, String> tags) {
		failIfAsked();
		this.versionTags.computeIfAbsent(modelName + "/" + version, (key) -> new HashMap<>()).putAll(tags);
	}

	@Override
	public Optional<String> versionForAlias(String modelName, String alias) {
		return Optional.ofNullable(this.aliases.get(modelName + "@" + alias));
	}

	private void failIfAsked() {
		if (this.failWith != null) {
			throw new TrackingException(this.failWith);
		}
	}

	/**
	 * A recorded run.
	 */
	public static final class Run implements TrackedRun {

		private final String id;

		private final String experiment;

		/** Params logged. */
		public final Map<String, String> params = new LinkedHashMap<>();

		/** Metrics logged. */
		public final Map<String, Double> metrics = new LinkedHashMap<>();

		/** Tags set. */
		public final Map<String, String> tags = new LinkedHashMap<>();

		/** Artifact paths as "dir/file name". */
		public final List<String> artifacts = new ArrayList<>();

		/** End status, null while running. */
		public Boolean success;

		Run(String id, String experiment) {
			this.id = id;
			this.experiment = experiment;
		}

		@Override
		public String runId() {
			return this.id;
		}

		@Override
		public String experimentId() {
			return "1";
		}

		@Override
		public String location() {
			return "memory:" + this.experiment + "/" + this.id;
		}

		@Override
		public void logParams(Map<String, String> params) {
			this.params.putAll(params);
		}

		@Override
		public void logMetrics(Map<String, Double> metrics) {
			metrics.forEach((k, v) -> {
				if (Double.isFinite(v)) {
					this.metrics.put(k, v);
				}
			});
		}

		@Override
		public void logMetric(String key, double value, long step) {
			this.metrics.put(key, value);
		}

		@Override
		public void setTags(Map<String, String> tags) {
			this.tags.putAll(tags);
		}

		@Override
		public void logArtifacts(Path localPath, String artifactDir) {
			if (Files.isDirectory(localPath)) {
				try (var files = Files.walk(localPath)) {
					files.filter(Files::isRegularFile)
						.forEach((f) -> this.artifacts.add(artifactDir + "/" + localPath.relativize(f)));
				}
				catch (java.io.IOException ex) {
					throw new TrackingException("cannot list " + localPath, ex);
				}
			}
			else {
				this.artifacts.add(artifactDir + "/" + localPath.getFileName());
			}
		}

		@Override
		public String artifactUri() {
			return "memory:/" + this.id + "/artifacts";
		}

		@Override
		public void end(boolean success) {
			this.success = success;
		}

	}

}
