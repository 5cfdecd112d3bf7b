package dev.pokewatch.training.tracking;

import java.util.Optional;

/**
 * The model registry: versions of a registered model and the {@code champion} alias.
 */
public interface ModelRegistry {

	/**
	 * Registers the model logged by a run as a new version, or returns the existing
	 * version for that run (idempotent).
	 * @param modelName registered model name, e.g. {@code pokewatch-baseline}
	 * @param run the run whose {@code model/} artifact directory is the version's source
	 * @return the version number
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
	 * The version an alias points at.
	 * @param modelName the registered model
	 * @param alias the alias
	 * @return the version, empty when the model or alias does not exist
	 */
	Optional<String> versionForAlias(String modelName, String alias);

}
