package dev.pokewatch.training.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ExperimentTracker} that records runs on an MLflow tracking server over REST (a
 * local {@code mlflow server} or DagsHub).
 */
final class MlflowTracker implements ExperimentTracker {

	private static final Logger logger = LoggerFactory.getLogger(MlflowTracker.class);

	private final MlflowRestClient client;

	MlflowTracker(MlflowRestClient client) {
		this.client = Objects.requireNonNull(client, "'client' must not be null");
	}

	@Override
	public TrackedRun startRun(String experimentName, String runName, Map<String, String> tags) {
		Objects.requireNonNull(experimentName, "'experimentName' must not be null");
		Objects.requireNonNull(runName, "'runName' must not be null");
		try {
			String experimentId = experimentId(experimentName);
			ObjectNode request = this.client.object()
				.put("experiment_id", experimentId)
				.put("run_name", runName)
				.put("start_time", System.currentTimeMillis())
				.put("user_id", System.getProperty("user.name", ""));
			JsonNode info = this.client.post("runs/create", request).path("run").path("info");
			String runId = info.path("run_id").asString(info.path("run_uuid").asString(""));
			if (runId.isEmpty()) {
				throw new TrackingException("MLflow runs/create at " + this.client.baseUrl() + " returned no run id");
			}
			String location = this.client.baseUrl() + "/#/experiments/" + experimentId + "/runs/" + runId;
			MlflowRun run = new MlflowRun(this.client, runId, experimentId, info.path("artifact_uri").asString(""),
					location);
			Map<String, String> allTags = new LinkedHashMap<>();
			allTags.put("mlflow.user", System.getProperty("user.name", ""));
			allTags.put("mlflow.source.name", "pokewatch training-service");
			allTags.put("mlflow.source.type", "LOCAL");
			if (tags != null) {
				allTags.putAll(tags);
			}
			run.setTags(allTags);
			logger.info("MLflow run {} started: {}", runId, location);
			return run;
		}
		catch (TrackingException ex) {
			throw new TrackingException("Cannot start an MLflow run in experiment '" + experimentName + "' on "
					+ this.client.baseUrl() + ": " + ex.getMessage(), ex);
		}
	}

	private String experimentId(String name) {
		JsonNode existing = findExperiment(name);
		if (existing == null) {
			try {
				return this.client.post("experiments/create", this.client.object().put("name", name))
					.path("experiment_id")
					.asString();
			}
			catch (MlflowApiException ex) {
				// Another trainer created it between our lookup and create.
				if (!ex.hasErrorCode("RESOURCE_ALREADY_EXISTS")) {
					throw ex;
				}
				existing = findExperiment(name);
				if (existing == null) {
					throw ex;
				}
			}
		}
		String id = existing.path("experiment_id").asString();
		if ("deleted".equals(existing.path("lifecycle_stage").asString(""))) {
			logger.warn("MLflow experiment '{}' ({}) was deleted; restoring it", name, id);
			this.client.post("experiments/restore", this.client.object().put("experiment_id", id));
		}
		return id;
	}

	private JsonNode findExperiment(String name) {
		try {
			return this.client.get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment");
		}
		catch (MlflowApiException ex) {
			if (ex.hasErrorCode("RESOURCE_DOES_NOT_EXIST")) {
				return null;
			}
			throw ex;
		}
	}

	@Override
	public String describe() {
		return "MLflow server " + this.client.baseUrl();
	}

}
