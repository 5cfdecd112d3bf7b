package dev.pokewatch.training.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run on an MLflow server: params, metrics and tags go through {@code runs/log-batch}
 * within MLflow's batch limits, artifacts through the server's artifact proxy.
 */
final class MlflowRun implements TrackedRun {

	private static final Logger logger = LoggerFactory.getLogger(MlflowRun.class);

	static final int MAX_PARAMS_PER_BATCH = 100;

	static final int MAX_METRICS_PER_BATCH = 1000;

	static final int MAX_TAGS_PER_BATCH = 100;

	private static final String PROXY_SCHEME = "mlflow-artifacts:";

	private final MlflowRestClient client;

	private final String runId;

	private final String experimentId;

	private final String artifactUri;

	private final String location;

	private final AtomicBoolean artifactWarningLogged = new AtomicBoolean();

	MlflowRun(MlflowRestClient client, String runId, String experimentId, String artifactUri, String location) {
		this.client = client;
		this.runId = runId;
		this.experimentId = experimentId;
		this.artifactUri = artifactUri;
		this.location = location;
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
		return this.location;
	}

	@Override
	public String artifactUri() {
		return this.artifactUri;
	}

	@Override
	public void logParams(Map<String, String> params) {
		Objects.requireNonNull(params, "'params' must not be null");
		logKeyValues("params", params, MAX_PARAMS_PER_BATCH);
	}

	@Override
	public void setTags(Map<String, String> tags) {
		Objects.requireNonNull(tags, "'tags' must not be null");
		logKeyValues("tags", tags, MAX_TAGS_PER_BATCH);
	}

	private void logKeyValues(String field, Map<String, String> values, int batchSize) {
		List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
		for (int from = 0; from < entries.size(); from += batchSize) {
			ObjectNode batch = batch();
			ArrayNode array = batch.putArray(field);
			for (Map.Entry<String, String> entry : entries.subList(from, Math.min(entries.size(), from + batchSize))) {
				array.addObject().put("key", entry.getKey()).put("value", Objects.toString(entry.getValue(), ""));
			}
			this.client.post("runs/log-batch", batch);
		}
	}

	@Override
	public void logMetrics(Map<String, Double> metrics) {
		Objects.requireNonNull(metrics, "'metrics' must not be null");
		long timestamp = System.currentTimeMillis();
		List<ObjectNode> points = new ArrayList<>();
		metrics.forEach((key, value) -> {
			if (isLoggable(key, value)) {
				points.add(metric(key, value, timestamp, 0));
			}
		});
		for (int from = 0; from < points.size(); from += MAX_METRICS_PER_BATCH) {
			ObjectNode batch = batch();
			batch.putArray("metrics")
				.addAll(points.subList(from, Math.min(points.size(), from + MAX_METRICS_PER_BATCH)));
			this.client.post("runs/log-batch", batch);
		}
	}

	@Override
	public void logMetric(String key, double value, long step) {
		if (isLoggable(key, value)) {
			ObjectNode batch = batch();
			batch.putArray("metrics").add(metric(key, value, System.currentTimeMillis(), step));
			this.client.post("runs/log-batch", batch);
		}
	}

	private static boolean isLoggable(String key, Double value) {
		if (value == null || !Double.isFinite(value)) {
			logger.debug("Skipping non-finite metric {}={}", key, value);
			return false;
		}
		return true;
	}

	private ObjectNode metric(String key, double value, long timestamp, long step) {
		return this.client.object().put("key", key).put("value", value).put("timestamp", timestamp).put("step", step);
	}

	private ObjectNode batch() {
		return this.client.object().put("run_id", this.runId);
	}

	@Override
	public void logArtifacts(Path localPath, String artifactDir) {
		List<ArtifactFiles.ArtifactFile> files = ArtifactFiles.list(localPath, artifactDir);
		if (this.artifactUri.startsWith(PROXY_SCHEME)) {
			String root = trimSlashes(URI.create(this.artifactUri).getPath());
			for (ArtifactFiles.ArtifactFile file : files) {
				this.client.putArtifact(root + "/" + file.artifactPath(), file.source());
			}
		}
		else if (this.artifactUri.startsWith("http://") || this.artifactUri.startsWith("https://")) {
			String root = this.artifactUri.endsWith("/") ? this.artifactUri : this.artifactUri + "/";
			for (ArtifactFiles.ArtifactFile file : files) {
				this.client.putArtifact(URI.create(root + MlflowRestClient.encodePath(file.artifactPath())),
						file.source());
			}
		}
		else if (this.artifactWarningLogged.compareAndSet(false, true)) {
			logger.warn("Run {} has artifact URI '{}', which is not served by the MLflow artifact proxy "
					+ "(mlflow-artifacts:/...); this client uploads only through the proxy, so {} is NOT uploaded "
					+ "(nor any later artifact of this run). Start the server with --serve-artifacts "
					+ "--artifacts-destination <store> to fix this.", this.runId, this.artifactUri, localPath);
		}
		else {
			logger.warn("Run {}: artifact {} not uploaded (no artifact proxy)", this.runId, localPath);
		}
	}

	private static String trimSlashes(String path) {
		String trimmed = (path != null) ? path : "";
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	@Override
	public void end(boolean success) {
		String status = success ? "FINISHED" : "FAILED";
		this.client.post("runs/update",
				this.client.object()
					.put("run_id", this.runId)
					.put("status", status)
					.put("end_time", System.currentTimeMillis()));
		logger.info("MLflow run {} ended {}: {}", this.runId, status, this.location);
	}

	@Override
	public String toString() {
		return "MlflowRun[" + this.runId + " " + this.location + "]";
	}

}
