package dev.pokewatch.common.signal;

/**
 * Turns a market price and a fair price into a {@link Signal}:
 * {@code deviation = (market - fair) / fair} (a fraction); {@code BUY} if
 * {@code deviation <= -buyThresholdPct}, {@code SELL} if
 * {@code deviation >= sellThresholdPct}, else {@code HOLD}. Both boundaries are
 * inclusive, as in the older system.
 *
 * @param buyThresholdPct buy threshold as a fraction (0.10 = 10 %)
 * @param sellThresholdPct sell threshold as a fraction (0.15 = 15 %)
 * @since 0.1.0
 */
public record SignalRule(double buyThresholdPct, double sellThresholdPct) {

	/** The thresholds of the older system: buy at -10 %, sell at +15 %. */
	public static final SignalRule DEFAULT = new SignalRule(0.10, 0.15);

	public SignalRule {
		if (!(buyThresholdPct > 0 && buyThresholdPct < 1)) {
			throw new IllegalArgumentException("'buyThresholdPct' must be in (0, 1), got " + buyThresholdPct);
		}
		if (!(sellThresholdPct > 0)) {
			throw new IllegalArgumentException("'sellThresholdPct' must be positive, got " + sellThresholdPct);
		}
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
	 * Classifies a deviation.
	 * @param deviationPct the deviation as a fraction
	 * @return the signal
	 */
	public Signal classify(double deviationPct) {
		if (deviationPct <= -this.buyThresholdPct) {
			return Signal.BUY;
		}
		if (deviationPct >= this.sellThresholdPct) {
			return Signal.SELL;
		}
		return Signal.HOLD;
	}

	/**
	 * Classifies a market price against a fair price.
	 * @param marketPrice the market price
	 * @param fairPrice the fair price, must be positive
	 * @return the signal
	 */
	public Signal signal(double marketPrice, double fairPrice) {
		return classify(deviation(marketPrice, fairPrice));
	}

}
