package dev.pokewatch.training.tracking;

import java.util.Map;
import java.util.Optional;

/**
 * The model registry: versions of a registered model and the {@code champion} alias.
 */
public interface ModelRegistry {

	/**
	 * Whether this registry records anything. A file-store run or an MLflow server
	 * without a registry (some DagsHub repositories) answers {@code false}: then
	 * {@link #registerVersion} throws {@link RegistryUnavailableException},
	 * {@link #setAlias} only logs and {@link #versionForAlias} is empty.
	 * @return {@code true} when versions and aliases can be recorded
	 */
	default boolean isAvailable() {
		return true;
	}

	/**
	 * Registers the model logged by a run as a new version, or returns the existing
	 * version for that run (idempotent).
	 * @param modelName registered model name, e.g. {@code pokewatch-baseline}
	 * @param run the run whose {@code model/} artifact directory is the version's source
	 * @return the version number
	 * @throws RegistryUnavailableException when {@link #isAvailable()} is {@code false}
	 * @throws TrackingException when the registry refuses or cannot be reached
	 */
	String registerVersion(String modelName, TrackedRun run);

	/**
	 * Points an alias at a version.
	 * @param modelName the registered model
	 * @param alias the alias, e.g. {@code champion}
	 * @param version the version
	 */
	void setAlias(String modelName, String alias, String version);

	/**
	 * Sets tags on a version (the gate's decision, when it began to be served).
	 * @param modelName the registered model
	 * @param version the version
	 * @param tags the tags to set
	 */
	void setVersionTags(String modelName, String version, Map<String, String> tags);

	/**
	 * The version an alias points at.
	 * @param modelName the registered model
	 * @param alias the alias
	 * @return the version, empty when the model or alias does not exist
	 */
	Optional<String> versionForAlias(String modelName, String alias);

}
