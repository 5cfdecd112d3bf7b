package dev.pokewatch.training.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.mlflow.api.proto.Service.Experiment;

/**
 * {@link ExperimentTracker} that records runs on an MLflow tracking server (a local
 * {@code mlflow server} or DagsHub): lookups, params, metrics and tags through MLflow's
 * Java client; the two creates and the artifacts through {@link MlflowRestClient} (see
 * {@link MlflowTrackingClient} for why).
 */
final class MlflowTracker implements ExperimentTracker {

	private static final Logger logger = LoggerFactory.getLogger(MlflowTracker.class);

	private final MlflowTrackingClient tracking;

	private final MlflowRestClient rest;

	MlflowTracker(MlflowConnection connection) {
		this(new MlflowTrackingClient(connection), new MlflowRestClient(connection));
	}

	MlflowTracker(MlflowTrackingClient tracking, MlflowRestClient rest) {
		this.tracking = Objects.requireNonNull(tracking, "'tracking' must not be null");
		this.rest = Objects.requireNonNull(rest, "'rest' must not be null");
	}

	@Override
	public TrackedRun startRun(String experimentName, String runName, Map<String, String> tags) {
		Objects.requireNonNull(experimentName, "'experimentName' must not be null");
		Objects.requireNonNull(runName, "'runName' must not be null");
		try {
			String experimentId = experimentId(experimentName);
			ObjectNode request = this.rest.object()
				.put("experiment_id", experimentId)
				.put("run_name", runName)
				.put("start_time", MlflowTrackingClient.now())
				.put("user_id", System.getProperty("user.name", ""));
			JsonNode info = this.rest.post("runs/create", request).path("run").path("info");
			String runId = info.path("run_id").asString(info.path("run_uuid").asString(""));
			if (runId.isEmpty()) {
				throw new TrackingException("MLflow runs/create at " + this.tracking.baseUrl() + " returned no run id");
			}
			String location = this.tracking.baseUrl() + "/#/experiments/" + experimentId + "/runs/" + runId;
			MlflowRun run = new MlflowRun(this.tracking, this.rest, runId, experimentId,
					info.path("artifact_uri").asString(""), location);
			Map<String, String> allTags = new LinkedHashMap<>();
			allTags.put("mlflow.user", System.getProperty("user.name", ""));
			allTags.put("mlflow.source.name", "pokewatch training-service");
			allTags.put("mlflow.source.type", "LOCAL");
			if (tags != null) {
				allTags.putAll(tags);
			}
			completeStart(run, allTags);
			logger.info("MLflow run {} started: {}", runId, location);
			return run;
		}
		catch (IncompleteRunStartException ex) {
			throw ex;
		}
		catch (TrackingException ex) {
			throw new TrackingException("Cannot start an MLflow run in experiment '" + experimentName + "' on "
					+ this.tracking.baseUrl() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sets the tags that complete the start of a created run. The run exists on the
	 * server from {@code runs/create} on, so when the tags fail it is ended as
	 * {@code FAILED}, on a best-effort basis, rather than left {@code RUNNING} forever.
	 */
	private void completeStart(MlflowRun run, Map<String, String> tags) {
		try {
			run.setTags(tags);
		}
		catch (TrackingException ex) {
			boolean markedFailed;
			try {
				run.end(false);
				markedFailed = true;
			}
			catch (TrackingException endFailed) {
				ex.addSuppressed(endFailed);
				markedFailed = false;
			}
			throw new IncompleteRunStartException(
					"MLflow run " + run.runId() + " was created on " + this.tracking.baseUrl()
							+ " but its start could not be completed: " + ex.getMessage(),
					run.runId(), markedFailed, ex);
		}
	}

	private String experimentId(String name) {
		Optional<Experiment> existing = findExperiment(name);
		if (existing.isEmpty()) {
			try {
				return this.rest.post("experiments/create", this.rest.object().put("name", name))
					.path("experiment_id")
					.asString();
			}
			catch (MlflowApiException ex) {
				// Another trainer created it between our lookup and create.
				if (!ex.hasErrorCode("RESOURCE_ALREADY_EXISTS")) {
					throw ex;
				}
				existing = findExperiment(name);
				if (existing.isEmpty()) {
					throw ex;
				}
			}
		}
		String id = existing.get().getExperimentId();
		if ("deleted".equals(existing.get().getLifecycleStage())) {
			logger.warn("MLflow experiment '{}' ({}) was deleted; restoring it", name, id);
			this.tracking.run("experiments/restore", () -> this.tracking.client().restoreExperiment(id));
		}
		return id;
	}

	private Optional<Experiment> findExperiment(String name) {
		return this.tracking.call("experiments/get-by-name", () -> this.tracking.client().getExperimentByName(name));
	}

	@Override
	public void tagFinishedRun(String runId, Map<String, String> tags) {
		Objects.requireNonNull(runId, "'runId' must not be null");
		// set-tag works on a finished run, unlike anything a TrackedRun could do
		tags.forEach((key, value) -> this.tracking.run("runs/set-tag",
				() -> this.tracking.client().setTag(runId, key, value)));
	}

	@Override
	public String describe() {
		return "MLflow server " + this.tracking.baseUrl();
	}

}
