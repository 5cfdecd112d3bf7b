package dev.pokewatch.collector.schedule;

import java.util.Locale;

/**
 * How a job run ended.
 */
public enum JobOutcome {

	/** The run did its work (a command exited 0). */
	SUCCESS,

	/**
	 * The run ended as designed without changing what is served: the quality gate refused
	 * the retrained candidate (exit {@code ExitCodes.REFUSED}).
	 */
	REFUSED,

	/** The run failed (a command exited non-zero, timed out or could not start). */
	FAILURE;

	/**
	 * The name in logs, metrics tags and the state file.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
