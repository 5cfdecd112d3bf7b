package dev.pokewatch.common.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pokewatch.common.signal.Signal;

/**
 * The counts behind the signal evidence of one group of points (all of them, a price band
 * or a category): how many points had an outcome, how many of those rose or fell, and how
 * the BUY and SELL signals among them did. Only points whose market price is at least the
 * rule's minimum price count, so the base rates describe the cards that can get a signal.
 *
 * @param outcomes points with a usable price {@code horizon} days later
 * @param ups those followed by a higher price
 * @param downs those followed by a lower price
 * @param buySignals BUY signals, with or without an outcome
 * @param sellSignals SELL signals, with or without an outcome
 * @param buyOutcomes BUY signals with an outcome
 * @param buyHits those followed by a higher price
 * @param sellOutcomes SELL signals with an outcome
 * @param sellHits those followed by a lower price
 * @since 0.2.0
 */
public record SignalTally(long outcomes, long ups, long downs, long buySignals, long sellSignals, long buyOutcomes,
		long buyHits, long sellOutcomes, long sellHits) {

	/**
	 * The evidence of the BUY signals.
	 * @return the evidence against the group's base up rate
	 */
	public SignalEvidence buyEvidence() {
		return new SignalEvidence(Signal.BUY, this.buyOutcomes, this.buyHits, rate(this.ups));
	}

	/**
	 * The evidence of the SELL signals.
	 * @return the evidence against the group's base down rate
	 */
	public SignalEvidence sellEvidence() {
		return new SignalEvidence(Signal.SELL, this.sellOutcomes, this.sellHits, rate(this.downs));
	}

	private double rate(long count) {
		return (this.outcomes > 0) ? (double) count / this.outcomes : Double.NaN;
	}

	/**
	 * The group's evidence under its published names with a suffix, e.g.
	 * {@code buy_signals_7d_band_5_20}, {@code buy_lift_pp_7d_band_5_20_low}.
	 * @param horizonDays the outcome horizon
	 * @param group the group key, e.g. {@code band_5_20}
	 * @return name to finite value
	 */
	public Map<String, Double> toMap(int horizonDays, String group) {
		Map<String, Double> map = new LinkedHashMap<>();
		map.putAll(buyEvidence().toMap(horizonDays, group));
		map.putAll(sellEvidence().toMap(horizonDays, group));
		return map;
	}

}
