package dev.pokewatch.training.tracking;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.tracking.ModelVersionsPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@link ModelRegistry} on an MLflow server's model registry. Version searches go through
 * MLflow's Java client; writes, aliases and the probe through our REST client, since the
 * Java client (2.17.2) has no create or alias calls. The first call probes
 * {@code registered-models/search}: a 404 (DagsHub repositories without a registry) makes
 * the registry unavailable, logged once, instead of failing the run.
 */
final class MlflowModelRegistry implements ModelRegistry {

	private static final Logger logger = LoggerFactory.getLogger(MlflowModelRegistry.class);

	private final MlflowTrackingClient tracking;

	private final MlflowRestClient client;

	private final AtomicBoolean unavailableLogged = new AtomicBoolean();

	private volatile Boolean available;

	MlflowModelRegistry(MlflowConnection connection) {
		this(new MlflowTrackingClient(connection), new MlflowRestClient(connection));
	}

	MlflowModelRegistry(MlflowTrackingClient tracking, MlflowRestClient client) {
		this.tracking = Objects.requireNonNull(tracking, "'tracking' must not be null");
		this.client = Objects.requireNonNull(client, "'client' must not be null");
	}

	@Override
	public boolean isAvailable() {
		Boolean known = this.available;
		if (known == null) {
			known = probe();
			this.available = known;
		}
		return known;
	}

	private boolean probe() {
		try {
			// REST: the Java client would send it 3 times on the expected 404
			this.client.get("registered-models/search", Map.of("max_results", "1"));
			return true;
		}
		catch (MlflowApiException ex) {
			if (ex.status() == 404) {
				return false;
			}
			throw ex;
		}
	}

	private String unavailableMessage() {
		return "The MLflow server " + this.client.baseUrl()
				+ " has no model registry (registered-models/search answered 404); model versions and aliases are skipped";
	}

	@Override
	public String registerVersion(String modelName, TrackedRun run) {
		checkName(modelName);
		Objects.requireNonNull(run, "'run' must not be null");
		if (!isAvailable()) {
			warnUnavailable();
			throw new RegistryUnavailableException(unavailableMessage());
		}
		createRegisteredModel(modelName);
		Optional<String> existing = versionForRun(modelName, run.runId());
		if (existing.isPresent()) {
			logger.info("Model {} version {} already registered for run {}", modelName, existing.get(), run.runId());
			return existing.get();
		}
		String source = run.artifactUri() + "/model";
		JsonNode created = this.client.post("model-versions/create",
				this.client.object().put("name", modelName).put("source", source).put("run_id", run.runId()));
		String version = created.path("model_version").path("version").asString("");
		if (version.isEmpty()) {
			throw new TrackingException("MLflow model-versions/create at " + this.client.baseUrl()
					+ " returned no version for model '" + modelName + "'");
		}
		logger.info("Registered model {} version {} from {}", modelName, version, source);
		return version;
	}

	private void createRegisteredModel(String modelName) {
		try {
			this.client.post("registered-models/create", this.client.object().put("name", modelName));
		}
		catch (MlflowApiException ex) {
			if (!ex.hasErrorCode("RESOURCE_ALREADY_EXISTS") && !ex.hasErrorCode("ALREADY_EXISTS")) {
				throw ex;
			}
		}
	}

	private Optional<String> versionForRun(String modelName, String runId) {
		String filter = "name='" + modelName + "' and run_id='" + runId + "'";
		ModelVersionsPage found = this.tracking.call("model-versions/search",
				() -> this.tracking.client().searchModelVersions(filter));
		List<String> versions = found.getItems()
			.stream()
			.map(ModelVersion::getVersion)
			.filter((version) -> !version.isEmpty())
			.toList();
		// The first registration of the run wins if an earlier client created duplicates.
		return versions.stream().min(Comparator.comparingLong(MlflowModelRegistry::versionNumber));
	}

	private static long versionNumber(String version) {
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

	@Override
	public void setAlias(String modelName, String alias, String version) {
		checkName(modelName);
		Objects.requireNonNull(alias, "'alias' must not be null");
		Objects.requireNonNull(version, "'version' must not be null");
		if (!isAvailable()) {
			warnUnavailable();
			return;
		}
		this.client.post("registered-models/alias",
				this.client.object().put("name", modelName).put("alias", alias).put("version", version));
		logger.info("Model {} alias '{}' now points at version {}", modelName, alias, version);
	}

	@Override
	public void setVersionTags(String modelName, String version, Map<String, String> tags) {
		checkName(modelName);
		Objects.requireNonNull(version, "'version' must not be null");
		if (!isAvailable()) {
			warnUnavailable();
			return;
		}
		// one call per tag: MLflow has no batch call for model-version tags
		for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
			this.client.post("model-versions/set-tag",
					this.client.object()
						.put("name", modelName)
						.put("version", version)
						.put("key", tag.getKey())
						.put("value", tag.getValue()));
		}
	}

	@Override
	public Optional<String> versionForAlias(String modelName, String alias) {
		checkName(modelName);
		Objects.requireNonNull(alias, "'alias' must not be null");
		if (!isAvailable()) {
			warnUnavailable();
			return Optional.empty();
		}
		try {
			JsonNode found = this.client.get("registered-models/alias", Map.of("name", modelName, "alias", alias));
			String version = found.path("model_version").path("version").asString("");
			return version.isEmpty() ? Optional.empty() : Optional.of(version);
		}
		catch (MlflowApiException ex) {
			// MLflow answers 400 INVALID_PARAMETER_VALUE for a missing alias, 404 for a
			// missing model.
			if (ex.hasErrorCode("INVALID_PARAMETER_VALUE") || ex.hasErrorCode("RESOURCE_DOES_NOT_EXIST")) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private void warnUnavailable() {
		if (this.unavailableLogged.compareAndSet(false, true)) {
			logger.warn(unavailableMessage());
		}
	}

	private static void checkName(String modelName) {
		Objects.requireNonNull(modelName, "'modelName' must not be null");
		if (modelName.isBlank() || modelName.contains("'")) {
			throw new IllegalArgumentException("'modelName' must not be blank or contain a quote: " + modelName);
		}
	}

	@Override
	public String toString() {
		return "MlflowModelRegistry[" + this.client.baseUrl() + "]";
	}

}
