package dev.pokewatch.common.metrics;

import java.util.Optional;

/**
 * A two-sided confidence interval {@code [low, high]}.
 *
 * @param low the lower bound
 * @param high the upper bound, not below {@code low}
 * @since 0.1.0
 */
public record ConfidenceInterval(double low, double high) {

	/** The standard normal quantile of a two-sided 95 % interval. */
	static final double Z95 = 1.959963984540054;

	public ConfidenceInterval {
		if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
			throw new IllegalArgumentException("'low' and 'high' must be finite with low <= high");
		}
	}

	/**
	 * The 95 % Wilson score interval of a proportion {@code successes / trials}. Unlike
	 * the normal approximation it stays inside {@code [0, 1]} and is not degenerate for 0
	 * or {@code trials} successes, which matters for the few signals a backtest has.
	 * @param successes the successes, {@code 0..trials}
	 * @param trials the trials
	 * @return the interval, empty when there are no trials
	 */
	public static Optional<ConfidenceInterval> wilson95(long successes, long trials) {
		if (trials < 0 || successes < 0 || successes > trials) {
			throw new IllegalArgumentException("'successes' must be within 0..'trials'");
		}
		if (trials == 0) {
			return Optional.empty();
		}
		double n = trials;
		double p = successes / n;
		double z2 = Z95 * Z95;
		double denominator = 1 + z2 / n;
		double center = (p + z2 / (2 * n)) / denominator;
		double halfWidth = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
		return Optional.of(new ConfidenceInterval(Math.max(0, center - halfWidth), Math.min(1, center + halfWidth)));
	}

	/**
	 * This interval moved by {@code offset} and scaled by {@code factor}:
	 * {@code [(low + offset) * factor, (high + offset) * factor]}.
	 * @param offset added first
	 * @param factor then multiplied, positive
	 * @return the new interval
	 */
	public ConfidenceInterval shiftAndScale(double offset, double factor) {
		return new ConfidenceInterval((this.low + offset) * factor, (this.high + offset) * factor);
	}

	/**
	 * Whether the whole interval lies below zero.
	 * @return {@code true} when {@code high < 0}
	 */
	public boolean entirelyBelowZero() {
		return this.high < 0;
	}

}
