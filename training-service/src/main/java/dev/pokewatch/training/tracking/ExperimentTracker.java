package dev.pokewatch.training.tracking;

import java.util.Map;

/**
 * Where training runs are recorded: a real MLflow server (local or DagsHub), the local
 * {@code ./mlruns} file store as a last resort, or nowhere when tracking is unavailable.
 */
public interface ExperimentTracker {

	/**
	 * Starts a run in the named experiment, creating the experiment when missing.
	 * @param experimentName the experiment, e.g. {@code pokewatch_baseline}
	 * @param runName a human-readable run name
	 * @param tags tags to set at start (git commit, data hash, model type/window, ...)
	 * @return the started run
	 * @throws TrackingException when the backend refuses or cannot be reached
	 */
	TrackedRun startRun(String experimentName, String runName, Map<String, String> tags);

	/**
	 * Sets tags on a run that has ended, such as the quality gate's outcome recorded by
	 * {@code validate} on the run {@code train} logged. Backends that cannot reopen a run
	 * do nothing.
	 * @param runId the run
	 * @param tags name to value
	 * @throws TrackingException when the backend refuses or cannot be reached
	 */
	default void tagFinishedRun(String runId, Map<String, String> tags) {
	}

	/**
	 * A short description for logs, e.g. {@code MLflow server http://127.0.0.1:5000}.
	 * @return the description
	 */
	String describe();

}
