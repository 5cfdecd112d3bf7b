package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days a backtest scores, and the last day whose price may be used as a signal's
 * outcome (so that choosing a model on earlier dates never peeks into the holdout).
 *
 * @param from first scored day, inclusive
 * @param to last scored day, inclusive
 * @param outcomeCutoff last day an outcome price may come from, inclusive
 * @since 0.1.0
 */
public record EvaluationWindow(LocalDate from, LocalDate to, LocalDate outcomeCutoff) {

	public EvaluationWindow {
		Objects.requireNonNull(from, "'from' must not be null");
		Objects.requireNonNull(to, "'to' must not be null");
		Objects.requireNonNull(outcomeCutoff, "'outcomeCutoff' must not be null");
	}

	/**
	 * A window whose outcomes may come from any later day.
	 * @param from first day
	 * @param to last day
	 * @return the window
	 */
	public static EvaluationWindow of(LocalDate from, LocalDate to) {
		return new EvaluationWindow(from, to, LocalDate.MAX);
	}

	/**
	 * Whether a day is scored.
	 * @param day the day
	 * @return {@code true} if in {@code [from, to]}
	 */
	public boolean contains(LocalDate day) {
		return !day.isBefore(this.from) && !day.isAfter(this.to);
	}

}
