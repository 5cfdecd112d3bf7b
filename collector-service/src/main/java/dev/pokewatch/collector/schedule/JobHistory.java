package dev.pokewatch.collector.schedule;

import java.time.Instant;

/**
 * What the scheduler remembers of a job across restarts.
 *
 * @param lastRun the last finished run, or {@code null} if it never ran
 * @param lastSuccess when the last successful run ended, or {@code null}
 */
public record JobHistory(JobRun lastRun, Instant lastSuccess) {

	/** A job that never ran. */
	public static final JobHistory NEVER = new JobHistory(null, null);

	/**
	 * The history after one more run.
	 * @param run the run that just ended
	 * @return the new history
	 */
	public JobHistory after(JobRun run) {
		return new JobHistory(run, (run.outcome() == JobOutcome.SUCCESS) ? run.end() : this.lastSuccess);
	}

}
