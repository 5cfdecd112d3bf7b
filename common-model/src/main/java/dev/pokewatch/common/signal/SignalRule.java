package dev.pokewatch.common.signal;

import java.util.Locale;
import java.util.Objects;

/**
 * Turns a market price and a fair price into a {@link Signal}. The fair price is the
 * model's estimate of what the card should cost by the signal's horizon, so BUY always
 * means "expected to rise" and SELL "expected to fall", whatever the model.
 *
 * <ul>
 * <li>{@link SignalUnit#PERCENT}: {@code deviation = (market - fair) / fair}; BUY if
 * {@code deviation <= -buyThreshold}, SELL if {@code deviation >= sellThreshold}.</li>
 * <li>{@link SignalUnit#DISPERSION}: {@code strength = ln(fair / market) / dispersion},
 * the expected move in units of the card's own recent dispersion (see
 * {@link Dispersion}); BUY if {@code strength >= buyThreshold}, SELL if
 * {@code strength <= -sellThreshold}; HOLD when the dispersion is unknown.</li>
 * </ul>
 * Boundaries are inclusive, as in the older system. A market price below
 * {@code minSignalPrice} is always HOLD: on a card of a few dollars a 10 % move is noise
 * and smaller than the cost of a trade. Training's backtest and the serving API both
 * apply this rule, so they cannot disagree.
 *
 * @param unit what the thresholds are measured in
 * @param buyThreshold the BUY threshold: a fraction (0.10 = 10 %) or dispersion units
 * @param sellThreshold the SELL threshold, in the same unit
 * @param minSignalPrice lowest market price (dollars) that gets a BUY or SELL, 0 for no
 * limit
 * @since 0.1.0
 */
public record SignalRule(SignalUnit unit, double buyThreshold, double sellThreshold, double minSignalPrice) {

	/** The default lowest market price (dollars) for a BUY or SELL. */
	public static final double DEFAULT_MIN_SIGNAL_PRICE = 2.0;

	/**
	 * The thresholds of the older system, buy at -10 % and sell at +15 %, with the
	 * default minimum price.
	 */
	public static final SignalRule DEFAULT = new SignalRule(0.10, 0.15, DEFAULT_MIN_SIGNAL_PRICE);

	public SignalRule {
		Objects.requireNonNull(unit, "'unit' must not be null");
		if (!(minSignalPrice >= 0 && Double.isFinite(minSignalPrice))) {
			throw new IllegalArgumentException("'minSignalPrice' must be finite and >= 0, got " + minSignalPrice);
		}
		if (unit == SignalUnit.PERCENT && !(buyThreshold > 0 && buyThreshold < 1)) {
			throw new IllegalArgumentException("'buyThresholdPct' must be in (0, 1), got " + buyThreshold);
		}
		if (!(buyThreshold > 0 && Double.isFinite(buyThreshold))) {
			throw new IllegalArgumentException("'buyThreshold' must be positive, got " + buyThreshold);
		}
		if (!(sellThreshold > 0 && Double.isFinite(sellThreshold))) {
			throw new IllegalArgumentException("'sellThreshold' must be positive, got " + sellThreshold);
		}
	}

	/**
	 * A percent rule.
	 * @param buyThresholdPct buy threshold as a fraction (0.10 = 10 %)
	 * @param sellThresholdPct sell threshold as a fraction (0.15 = 15 %)
	 * @param minSignalPrice lowest market price with a BUY or SELL
	 */
	public SignalRule(double buyThresholdPct, double sellThresholdPct, double minSignalPrice) {
		this(SignalUnit.PERCENT, buyThresholdPct, sellThresholdPct, minSignalPrice);
	}

	/**
	 * A dispersion rule with the same threshold on both sides.
	 * @param threshold BUY at {@code strength >= threshold}, SELL at
	 * {@code <= -threshold}
	 * @param minSignalPrice lowest market price with a BUY or SELL
	 * @return the rule
	 */
	public static SignalRule dispersion(double threshold, double minSignalPrice) {
		return new SignalRule(SignalUnit.DISPERSION, threshold, threshold, minSignalPrice);
	}

	/**
	 * A stable identifier, e.g. {@code pct_10_15} or {@code z_2.0}.
	 * @return the id
	 */
	public String id() {
		if (this.unit == SignalUnit.PERCENT) {
			return String.format(Locale.ROOT, "pct_%.0f_%.0f", this.buyThreshold * 100, this.sellThreshold * 100);
		}
		return (this.buyThreshold == this.sellThreshold) ? String.format(Locale.ROOT, "z_%.1f", this.buyThreshold)
				: String.format(Locale.ROOT, "z_%.1f_%.1f", this.buyThreshold, this.sellThreshold);
	}

	/**
	 * The relative deviation of the market price from the fair price.
	 * @param marketPrice the market price
	 * @param fairPrice the fair price, must be positive
	 * @return {@code (market - fair) / fair}
	 * @throws IllegalArgumentException if {@code fairPrice} is not positive
	 */
	public static double deviation(double marketPrice, double fairPrice) {
		if (!(fairPrice > 0)) {
			throw new IllegalArgumentException("'fairPrice' must be positive, got " + fairPrice);
		}
		return (marketPrice - fairPrice) / fairPrice;
	}

	/**
	 * The expected move in units of the card's dispersion: positive when the fair price
	 * is above the market price (a rise is expected).
	 * @param marketPrice the market price, positive
	 * @param fairPrice the fair price, positive
	 * @param dispersion the card's dispersion, a log-price scale
	 * @return {@code ln(fair / market) / dispersion}, {@code NaN} when the dispersion is
	 * not a positive number
	 */
	public static double strength(double marketPrice, double fairPrice, double dispersion) {
		if (!(dispersion > 0) || !(marketPrice > 0) || !(fairPrice > 0)) {
			return Double.NaN;
		}
		return Math.log(fairPrice / marketPrice) / dispersion;
	}

	/**
	 * Classifies a market price against a fair price.
	 * @param marketPrice the market price
	 * @param fairPrice the fair price, must be positive
	 * @param dispersion the card's dispersion ({@code NaN} when unknown; only
	 * {@link SignalUnit#DISPERSION} rules read it)
	 * @return the signal, {@code HOLD} when {@code marketPrice} is below
	 * {@code minSignalPrice}
	 */
	public Signal signal(double marketPrice, double fairPrice, double dispersion) {
		double deviation = deviation(marketPrice, fairPrice);
		double strength = (this.unit == SignalUnit.DISPERSION) ? strength(marketPrice, fairPrice, dispersion)
				: Double.NaN;
		return classify(marketPrice, deviation, strength);
	}

	/**
	 * Classifies a market price from its {@link #deviation} and {@link #strength}, so
	 * that several rules can classify the same point without computing them again.
	 * @param marketPrice the market price
	 * @param deviation {@code deviation(marketPrice, fairPrice)}
	 * @param strength {@code strength(marketPrice, fairPrice, dispersion)}; only
	 * {@link SignalUnit#DISPERSION} rules read it
	 * @return the signal, the same as {@link #signal(double, double, double)} gives
	 */
	public Signal classify(double marketPrice, double deviation, double strength) {
		if (marketPrice < this.minSignalPrice) {
			return Signal.HOLD;
		}
		if (this.unit == SignalUnit.PERCENT) {
			if (deviation <= -this.buyThreshold) {
				return Signal.BUY;
			}
			return (deviation >= this.sellThreshold) ? Signal.SELL : Signal.HOLD;
		}
		if (strength >= this.buyThreshold) {
			return Signal.BUY;
		}
		return (strength <= -this.sellThreshold) ? Signal.SELL : Signal.HOLD;
	}

	/**
	 * Classifies a market price against a fair price with a percent rule.
	 * @param marketPrice the market price
	 * @param fairPrice the fair price, must be positive
	 * @return the signal
	 */
	public Signal signal(double marketPrice, double fairPrice) {
		return signal(marketPrice, fairPrice, Double.NaN);
	}

	/**
	 * This rule with another minimum price.
	 * @param price the lowest market price with a BUY or SELL
	 * @return the rule
	 */
	public SignalRule withMinSignalPrice(double price) {
		return new SignalRule(this.unit, this.buyThreshold, this.sellThreshold, price);
	}

	@Override
	public String toString() {
		return id();
	}

}
