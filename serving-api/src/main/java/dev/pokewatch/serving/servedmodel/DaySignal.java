package dev.pokewatch.serving.servedmodel;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;

/**
 * What the served model says about one card on one served day. Every endpoint that
 * answers a signal builds it through {@link ModelIndex#signalAt(ServedSeries, int)}, so
 * {@code /predict}, {@code /batch_predict} and {@code /signals} cannot disagree.
 *
 * @param marketPrice that day's market price
 * @param fairPrice the model's fair price for that day (its forecast at the horizon)
 * @param deviation {@code (market - fair) / fair}, a fraction
 * @param strength {@code ln(fair / market) / dispersion}, positive when a rise is
 * expected; {@code NaN} when the day's dispersion is unknown
 * @param signal the signal of the model's rule, {@code HOLD} on an outlier day
 * @param outlier whether the market price was flagged as an outlier
 */
public record DaySignal(double marketPrice, double fairPrice, double deviation, double strength, Signal signal,
		boolean outlier) {

	/**
	 * What a model's rule says of one day: the one computation behind every answer.
	 * @param rule the model's signal rule
	 * @param market the day's market price
	 * @param fair the model's fair price for the day
	 * @param dispersion the card's dispersion that day, {@code NaN} when unknown
	 * @param outlier whether the market price was flagged as an outlier
	 * @return the day's signal, or {@code null} when the fair price is unknown
	 */
	public static DaySignal of(SignalRule rule, double market, double fair, double dispersion, boolean outlier) {
		if (Double.isNaN(fair)) {
			return null;
		}
		Signal signal = outlier ? Signal.HOLD : rule.signal(market, fair, dispersion);
		return new DaySignal(market, fair, SignalRule.deviation(market, fair),
				SignalRule.strength(market, fair, dispersion), signal, outlier);
	}

	/**
	 * The strength as an answer field.
	 * @return the strength, or {@code null} when it is unknown
	 */
	public Double strengthOrNull() {
		return Double.isFinite(this.strength) ? this.strength : null;
	}

}
