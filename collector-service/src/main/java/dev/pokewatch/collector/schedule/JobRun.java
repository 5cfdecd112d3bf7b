package dev.pokewatch.collector.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished run of a job, as the state file keeps it.
 *
 * @param trigger what started it ({@code cron}, {@code catch-up}, {@code drift})
 * @param start when it started
 * @param end when it ended
 * @param outcome success or failure
 * @param detail one line about the run
 */
public record JobRun(String trigger, Instant start, Instant end, JobOutcome outcome, String detail) {

	/**
	 * How long the run took.
	 * @return end minus start
	 */
	public Duration duration() {
		return Duration.between(this.start, this.end);
	}

}
