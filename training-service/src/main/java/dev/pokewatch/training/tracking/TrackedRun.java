package dev.pokewatch.training.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * One training run being recorded.
 */
public interface TrackedRun {

	/**
	 * The run id.
	 * @return 32-hex run id
	 */
	String runId();

	/**
	 * The experiment id.
	 * @return the experiment id
	 */
	String experimentId();

	/**
	 * Where a person can look at the run (UI URL, or a local path).
	 * @return a URL or path
	 */
	String location();

	/**
	 * Logs parameters (write-once in MLflow).
	 * @param params name to value
	 */
	void logParams(Map<String, String> params);

	/**
	 * Logs metrics at step 0.
	 * @param metrics name to value; non-finite values are skipped
	 */
	void logMetrics(Map<String, Double> metrics);

	/**
	 * Logs one metric at a step (for series such as a grid).
	 * @param key metric name
	 * @param value value
	 * @param step step
	 */
	void logMetric(String key, double value, long step);

	/**
	 * Sets tags.
	 * @param tags name to value
	 */
	void setTags(Map<String, String> tags);

	/**
	 * Uploads a file or, recursively, a directory as artifacts.
	 * @param localPath the file or directory
	 * @param artifactDir the directory under the run's artifact root ({@code ""} for the
	 * root)
	 */
	void logArtifacts(Path localPath, String artifactDir);

	/**
	 * The artifact URI of the run (e.g. {@code mlflow-artifacts:/1/<run>/artifacts}).
	 * @return the URI
	 */
	String artifactUri();

	/**
	 * Ends the run.
	 * @param success {@code FINISHED} when true, {@code FAILED} otherwise
	 */
	void end(boolean success);

}
