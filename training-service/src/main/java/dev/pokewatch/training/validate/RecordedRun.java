package dev.pokewatch.training.validate;

import java.nio.file.Path;
import java.util.Map;

import dev.pokewatch.training.tracking.TrackedRun;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * A run recorded by an earlier {@code train}, as read back from the candidate's
 * {@code tracking.json}: enough to register its {@code model/} artifact. It is finished,
 * so logging to it is refused.
 *
 * @param runId the run
 * @param experimentId its experiment
 * @param artifactUri its artifact root
 * @param location where to look at it
 */
record RecordedRun(String runId, String experimentId, String artifactUri, String location) implements TrackedRun {

	@Override
	public void logParams(Map<String, String> params) {
		throw closed();
	}

	@Override
	public void logMetrics(Map<String, Double> metrics) {
		throw closed();
	}

	@Override
	public void logMetric(String key, double value, long step) {
		throw closed();
	}

	@Override
	public void setTags(Map<String, String> tags) {
		throw closed();
	}

	@Override
	public void logArtifacts(Path localPath, String artifactDir) {
		throw closed();
	}

	@Override
	public void end(boolean success) {
		throw closed();
	}

	private TrackingException closed() {
		return new TrackingException("run " + this.runId + " was finished by train; it can only be registered");
	}

}
