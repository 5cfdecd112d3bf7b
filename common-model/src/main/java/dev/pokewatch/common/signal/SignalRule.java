package dev.pokewatch.common.signal;

/**
 * Turns a market price and a fair price into a {@link Signal}:
 * {@code deviation = (market - fair) / fair} (a fraction); {@code BUY} if
 * {@code deviation <= -buyThresholdPct}, {@code SELL} if
 * {@code deviation >= sellThresholdPct}, else {@code HOLD}. Both boundaries are
 * inclusive, as in the older system. A market price below {@code minSignalPrice} is
 * always {@code HOLD}: on a card of a few cents or dollars a 10 % move is noise and
 * smaller than the cost of a trade. Training's backtest and the serving API both apply
 * this rule, so they cannot disagree.
 *
 * @param buyThresholdPct buy threshold as a fraction (0.10 = 10 %)
 * @param sellThresholdPct sell threshold as a fraction (0.15 = 15 %)
 * @param minSignalPrice lowest market price (dollars) that gets a BUY or SELL, 0 for no
 * limit
 * @since 0.1.0
 */
public record SignalRule(double buyThresholdPct, double sellThresholdPct, double minSignalPrice) {

	/** The default lowest market price (dollars) for a BUY or SELL. */
	public static final double DEFAULT_MIN_SIGNAL_PRICE = 2.0;

	/**
	 * The thresholds of the older system, buy at -10 % and sell at +15 %, with the
	 * default minimum price.
	 */
	public static final SignalRule DEFAULT = new SignalRule(0.10, 0.15, DEFAULT_MIN_SIGNAL_PRICE);

	public SignalRule {
		if (!(minSignalPrice >= 0 && Double.isFinite(minSignalPrice))) {
			throw new IllegalArgumentException("'minSignalPrice' must be finite and >= 0, got " + minSignalPrice);
		}
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
	 * Classifies a deviation of a market price.
	 * @param deviationPct the deviation as a fraction
	 * @param marketPrice the market price it belongs to
	 * @return the signal, {@code HOLD} when {@code marketPrice} is below
	 * {@code minSignalPrice}
	 */
	public Signal classify(double deviationPct, double marketPrice) {
		if (marketPrice < this.minSignalPrice) {
			return Signal.HOLD;
		}
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
		return classify(deviation(marketPrice, fairPrice), marketPrice);
	}

}
