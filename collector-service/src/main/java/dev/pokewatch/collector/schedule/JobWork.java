package dev.pokewatch.collector.schedule;

/**
 * The work of one job; the scheduler around it handles the lock, state and metrics.
 */
@FunctionalInterface
public interface JobWork {

	/**
	 * Does the work once.
	 * @return how it ended; an exception counts as a failure
	 */
	JobResult run();

}
