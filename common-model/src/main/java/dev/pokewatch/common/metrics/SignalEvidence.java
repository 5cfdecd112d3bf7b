package dev.pokewatch.common.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.pokewatch.common.signal.Signal;

/**
 * How well the signals of one side (BUY or SELL) did over a backtest window, with the
 * uncertainty of that evidence. A BUY hits when the price {@code horizon} days later is
 * higher, a SELL when it is lower; the base rate is the share of <em>all</em> evaluated
 * points that rose (for BUY) or fell (for SELL) over the same horizon, so the lift says
 * how much better the signals did than picking points at random.
 *
 * <p>
 * The 95 % interval of the lift is the Wilson score interval of the hit rate minus the
 * base rate. The base rate's own uncertainty is ignored: it is estimated from all
 * evaluated points (hundreds or more), so it is far tighter than the hit rate of a
 * handful of signals, and the interval is slightly too narrow when the signals are many.
 *
 * @param side {@link Signal#BUY} or {@link Signal#SELL}
 * @param signals signals of this side with a known outcome at the horizon
 * @param hits those that hit
 * @param baseRate share of all evaluated points that moved in the signal's direction,
 * {@code NaN} when no point had an outcome
 * @since 0.1.0
 */
public record SignalEvidence(Signal side, long signals, long hits, double baseRate) {

	public SignalEvidence {
		Objects.requireNonNull(side, "'side' must not be null");
		if (side == Signal.HOLD) {
			throw new IllegalArgumentException("'side' must be BUY or SELL");
		}
		if (signals < 0 || hits < 0 || hits > signals) {
			throw new IllegalArgumentException("'hits' must be within 0..'signals'");
		}
	}

	/**
	 * The share of signals that hit.
	 * @return the hit rate, empty without signals
	 */
	public OptionalDouble hitRate() {
		return (this.signals > 0) ? OptionalDouble.of((double) this.hits / this.signals) : OptionalDouble.empty();
	}

	/**
	 * The 95 % Wilson score interval of the hit rate.
	 * @return the interval, empty without signals
	 */
	public Optional<ConfidenceInterval> hitRateInterval() {
		return ConfidenceInterval.wilson95(this.hits, this.signals);
	}

	/**
	 * The hit rate minus the base rate, in percentage points.
	 * @return the lift, empty without signals or without a base rate
	 */
	public OptionalDouble liftPp() {
		OptionalDouble hitRate = hitRate();
		return (hitRate.isPresent() && Double.isFinite(this.baseRate))
				? OptionalDouble.of((hitRate.getAsDouble() - this.baseRate) * 100) : OptionalDouble.empty();
	}

	/**
	 * The 95 % interval of the lift in percentage points: the hit-rate interval minus the
	 * base rate (whose own uncertainty is ignored).
	 * @return the interval, empty without signals or without a base rate
	 */
	public Optional<ConfidenceInterval> liftPpInterval() {
		if (!Double.isFinite(this.baseRate)) {
			return Optional.empty();
		}
		return hitRateInterval().map((interval) -> interval.shiftAndScale(-this.baseRate, 100));
	}

	/**
	 * Whether the signals did significantly worse than chance: the whole 95 % interval of
	 * the lift lies below zero.
	 * @return {@code true} when significantly negative, {@code false} also without
	 * evidence
	 */
	public boolean significantlyNegative() {
		return liftPpInterval().map(ConfidenceInterval::entirelyBelowZero).orElse(false);
	}

	/**
	 * The evidence under its published names, e.g. for BUY and a 7-day horizon
	 * {@code buy_signals_7d}, {@code buy_hit_rate_7d_low}, {@code buy_hit_rate_7d_high},
	 * {@code buy_lift_pp_7d}, {@code buy_lift_pp_7d_low}, {@code buy_lift_pp_7d_high}.
	 * Undefined values are left out, so every value is finite.
	 * @param horizonDays the outcome horizon, used in the names
	 * @return name to value, in a stable order
	 */
	public Map<String, Double> toMap(int horizonDays) {
		return toMap(horizonDays, "");
	}

	/**
	 * The evidence of one group of points under its published names, the group key before
	 * any {@code _low}/{@code _high}, e.g. {@code buy_lift_pp_7d_band_5_20_low}.
	 * @param horizonDays the outcome horizon, used in the names
	 * @param group the group key, e.g. {@code band_5_20}, or empty for all points
	 * @return name to value, in a stable order
	 */
	public Map<String, Double> toMap(int horizonDays, String group) {
		String prefix = this.side.name().toLowerCase(Locale.ROOT) + "_";
		String h = "_" + horizonDays + "d" + (group.isEmpty() ? "" : "_" + group);
		Map<String, Double> map = new LinkedHashMap<>();
		map.put(prefix + "signals" + h, (double) this.signals);
		hitRateInterval().ifPresent((interval) -> {
			map.put(prefix + "hit_rate" + h + "_low", interval.low());
			map.put(prefix + "hit_rate" + h + "_high", interval.high());
		});
		liftPp().ifPresent((lift) -> map.put(prefix + "lift_pp" + h, lift));
		liftPpInterval().ifPresent((interval) -> {
			map.put(prefix + "lift_pp" + h + "_low", interval.low());
			map.put(prefix + "lift_pp" + h + "_high", interval.high());
		});
		return map;
	}

}
