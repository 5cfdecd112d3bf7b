package dev.pokewatch.collector.schedule;

/**
 * What one run of a job's work returned.
 *
 * @param outcome success or failure
 * @param detail one line for the log and the health endpoint (an exit code, a count)
 */
public record JobResult(JobOutcome outcome, String detail) {

	public JobResult {
		if (outcome == null) {
			throw new IllegalArgumentException("'outcome' must not be null");
		}
		detail = (detail != null) ? detail : "";
	}

}
