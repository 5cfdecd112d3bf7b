package dev.pokewatch.training.drift;

import java.util.Locale;

/**
 * The verdict of one drift check, or of all of them (the worst check's). A check without
 * enough data to judge says so and counts as {@link #OK} in the overall status: missing
 * evidence is not drift.
 */
enum DriftStatus {

	/** Within the warn thresholds. */
	OK(0),

	/** Not enough data in a window to judge; counts as {@link #OK} overall. */
	INSUFFICIENT_DATA(0),

	/** Past a warn threshold: worth a look. */
	WARN(1),

	/** Past a drift threshold: the model no longer fits the market it serves. */
	DRIFT(2);

	private final int severity;

	DriftStatus(int severity) {
		this.severity = severity;
	}

	/**
	 * How bad it is: 0 ok (or undecided), 1 warn, 2 drift; also logged as a metric.
	 * @return the severity
	 */
	int severity() {
		return this.severity;
	}

	/**
	 * The id used in {@code drift.json}.
	 * @return e.g. {@code ok}, {@code insufficient_data}
	 */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status of a value against two thresholds.
	 * @param value the value, higher is worse
	 * @param warn the warn threshold
	 * @param drift the drift threshold
	 * @return {@link #DRIFT} at or above {@code drift}, {@link #WARN} at or above
	 * {@code warn}, else {@link #OK}
	 */
	static DriftStatus of(double value, double warn, double drift) {
		if (value >= drift) {
			return DRIFT;
		}
		return (value >= warn) ? WARN : OK;
	}

	/**
	 * The worse of two statuses, as the overall status reads them.
	 * @param other the other status
	 * @return the worse one; {@link #INSUFFICIENT_DATA} reads as {@link #OK}
	 */
	DriftStatus worse(DriftStatus other) {
		DriftStatus a = (this == INSUFFICIENT_DATA) ? OK : this;
		DriftStatus b = (other == INSUFFICIENT_DATA) ? OK : other;
		return (b.severity > a.severity) ? b : a;
	}

}
