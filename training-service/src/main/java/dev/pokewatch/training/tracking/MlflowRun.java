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
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;

/**
 * A run on an MLflow server: params, metrics and tags go through MLflow's Java client
 * ({@code runs/log-batch} within MLflow's batch limits), artifacts through the server's
 * artifact proxy with our REST client.
 */
final class MlflowRun implements TrackedRun {

	private static final Logger logger = LoggerFactory.getLogger(MlflowRun.class);

	static final int MAX_PARAMS_PER_BATCH = 100;

	static final int MAX_METRICS_PER_BATCH = 1000;

	static final int MAX_TAGS_PER_BATCH = 100;

	private static final String PROXY_SCHEME = "mlflow-artifacts:";

	private final MlflowTrackingClient tracking;

	private final MlflowRestClient rest;

	private final String runId;

	private final String experimentId;

	private final String artifactUri;

	private final String location;

	private final AtomicBoolean artifactWarningLogged = new AtomicBoolean();

	MlflowRun(MlflowTrackingClient tracking, MlflowRestClient rest, String runId, String experimentId,
			String artifactUri, String location) {
		this.tracking = tracking;
		this.rest = rest;
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
		List<Param> list = params.entrySet()
			.stream()
			.map((e) -> Param.newBuilder().setKey(e.getKey()).setValue(Objects.toString(e.getValue(), "")).build())
			.toList();
		for (List<Param> batch : batches(list, MAX_PARAMS_PER_BATCH)) {
			logBatch(List.of(), batch, List.of());
		}
	}

	@Override
	public void setTags(Map<String, String> tags) {
		Objects.requireNonNull(tags, "'tags' must not be null");
		List<RunTag> list = tags.entrySet()
			.stream()
			.map((e) -> RunTag.newBuilder().setKey(e.getKey()).setValue(Objects.toString(e.getValue(), "")).build())
			.toList();
		for (List<RunTag> batch : batches(list, MAX_TAGS_PER_BATCH)) {
			logBatch(List.of(), List.of(), batch);
		}
	}

	@Override
	public void logMetrics(Map<String, Double> metrics) {
		Objects.requireNonNull(metrics, "'metrics' must not be null");
		long timestamp = MlflowTrackingClient.now();
		List<Metric> points = new ArrayList<>();
		metrics.forEach((key, value) -> {
			if (isLoggable(key, value)) {
				points.add(metric(key, value, timestamp, 0));
			}
		});
		for (List<Metric> batch : batches(points, MAX_METRICS_PER_BATCH)) {
			logBatch(batch, List.of(), List.of());
		}
	}

	@Override
	public void logMetric(String key, double value, long step) {
		if (isLoggable(key, value)) {
			logBatch(List.of(metric(key, value, MlflowTrackingClient.now(), step)), List.of(), List.of());
		}
	}

	/**
	 * Safe to repeat: MLflow accepts a param logged again with the same value, and a
	 * repeated metric point only repeats a point.
	 */
	private void logBatch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
		this.tracking.run("runs/log-batch", () -> this.tracking.client().logBatch(this.runId, metrics, params, tags));
	}

	private static <T> List<List<T>> batches(List<T> items, int size) {
		List<List<T>> batches = new ArrayList<>();
		for (int from = 0; from < items.size(); from += size) {
			batches.add(items.subList(from, Math.min(items.size(), from + size)));
		}
		return batches;
	}

	private static boolean isLoggable(String key, Double value) {
		if (value == null || !Double.isFinite(value)) {
			logger.debug("Skipping non-finite metric {}={}", key, value);
			return false;
		}
		return true;
	}

	private static Metric metric(String key, double value, long timestamp, long step) {
		return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
	}

	@Override
	public void logArtifacts(Path localPath, String artifactDir) {
		List<ArtifactFiles.ArtifactFile> files = ArtifactFiles.list(localPath, artifactDir);
		if (this.artifactUri.startsWith(PROXY_SCHEME)) {
			String root = trimSlashes(URI.create(this.artifactUri).getPath());
			for (ArtifactFiles.ArtifactFile file : files) {
				this.rest.putArtifact(root + "/" + file.artifactPath(), file.source());
			}
		}
		else if (this.artifactUri.startsWith("http://") || this.artifactUri.startsWith("https://")) {
			String root = this.artifactUri.endsWith("/") ? this.artifactUri : this.artifactUri + "/";
			for (ArtifactFiles.ArtifactFile file : files) {
				this.rest.putArtifact(URI.create(root + MlflowRestClient.encodePath(file.artifactPath())),
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
		RunStatus status = success ? RunStatus.FINISHED : RunStatus.FAILED;
		this.tracking.run("runs/update",
				() -> this.tracking.client().setTerminated(this.runId, status, MlflowTrackingClient.now()));
		logger.info("MLflow run {} ended {}: {}", this.runId, status, this.location);
	}

	@Override
	public String toString() {
		return "MlflowRun[" + this.runId + " " + this.location + "]";
	}

}
