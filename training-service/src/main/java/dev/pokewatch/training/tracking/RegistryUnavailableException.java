package dev.pokewatch.training.tracking;

/**
 * The tracking backend has no model registry (the local file store, or an MLflow server
 * such as some DagsHub repositories that answers 404 on the registry API), so a model
 * version cannot be registered. Callers skip registration instead of failing the run.
 */
public class RegistryUnavailableException extends TrackingException {

	public RegistryUnavailableException(String message) {
		super(message);
	}

}
