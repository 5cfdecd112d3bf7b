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
	 * A short description for logs, e.g. {@code MLflow server http://127.0.0.1:5000}.
	 * @return the description
	 */
	String describe();

}
