package dev.pokewatch.collector.schedule;

import java.util.Locale;

/**
 * The scheduler's jobs, in the order a catch-up runs them.
 */
public enum JobName {

	/** Collects the day's prices in process. */
	COLLECT,

	/** Runs the drift command, which writes {@code reports/drift.json}. */
	DRIFT,

	/** Runs the retrain command: preprocess, train, validate. */
	RETRAIN;

	/**
	 * The name in logs, metrics tags and the state file.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
