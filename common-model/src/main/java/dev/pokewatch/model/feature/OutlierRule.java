package dev.pokewatch.model.feature;

import java.util.Arrays;

/**
 * Flags prices that must not feed fair prices or metrics: zero or negative prices, and
 * prices far from the card's trailing robust level (a Hampel filter on log prices with a
 * minimum jump).
 *
 * <p>
 * The level of day {@code t} is the median of the <em>accepted</em> prices of days
 * {@code [t - windowDays, t - 1]}. Because flagged prices never enter the level, a run of
 * several weeks at a wrong level (real data has ~3 weeks of $1–3 prints on a $290 card)
 * stays flagged instead of becoming the new median, as it would with a short rolling
 * median of all prices. A price is flagged when {@code |ln(price / level)|} exceeds both
 * {@code madK} scaled MADs of the reference log prices and {@code ln(minJumpFactor)}: the
 * MAD term adapts to volatile cards, the jump floor keeps smooth series (TCGplayer market
 * prices move by a few percent a day, and up to +70 % over a month) from being flagged on
 * ordinary moves. When fewer than {@code minPoints} accepted prices remain in the window
 * (the wrong level has lasted a whole window), the level is taken from all positive
 * prices in the window, so a genuine lasting level change is accepted after at most
 * {@code windowDays}. Flags use only the day itself and earlier days, so the flag of the
 * latest day is the same in the backtest and in serving.
 *
 * @param windowDays trailing window of the robust level, in calendar days
 * @param minPoints fewest reference prices needed to judge a price (warm-up otherwise)
 * @param madK how many scaled MADs (log scale) a price may deviate from the level
 * @param minJumpFactor a price within this factor of the level is never flagged (for
 * example 3: between a third and three times the level)
 * @since 0.1.0
 */
public record OutlierRule(int windowDays, int minPoints, double madK, double minJumpFactor) {

	/** Defaults measured on the real pytcgplayer history (docs/model.md). */
	public static final OutlierRule DEFAULT = new OutlierRule(60, 3, 5.0, 3.0);

	/** Reason for a zero, negative or non-finite price. */
	public static final String NON_POSITIVE = "non_positive";

	/** Reason for a price far from the trailing robust level. */
	public static final String FAR_FROM_LEVEL = "far_from_level";

	/** Scales a MAD to a standard deviation for normal data. */
	private static final double MAD_SCALE = 1.4826;

	public OutlierRule {
		if (windowDays < 1) {
			throw new IllegalArgumentException("'windowDays' must be at least 1, got " + windowDays);
		}
		if (minPoints < 1) {
			throw new IllegalArgumentException("'minPoints' must be at least 1, got " + minPoints);
		}
		if (!(madK > 0)) {
			throw new IllegalArgumentException("'madK' must be positive, got " + madK);
		}
		if (!(minJumpFactor > 1)) {
			throw new IllegalArgumentException("'minJumpFactor' must be greater than 1, got " + minJumpFactor);
		}
	}

	/**
	 * Flags the prices of one card.
	 * @param days epoch days, strictly increasing
	 * @param prices the prices of those days; {@code NaN} for a missing price (never
	 * flagged)
	 * @return per day: the reason it is flagged, or {@code null}; and the level used
	 */
	public Result apply(long[] days, double[] prices) {
		int n = days.length;
		String[] reasons = new String[n];
		double[] levels = new double[n];
		boolean[] accepted = new boolean[n];
		double[] reference = new double[n];
		double[] logs = new double[n];
		int windowStart = 0;
		for (int i = 0; i < n; i++) {
			levels[i] = Double.NaN;
			double price = prices[i];
			while (days[windowStart] < days[i] - this.windowDays) {
				windowStart++;
			}
			if (Double.isNaN(price)) {
				continue;
			}
			if (!(price > 0) || Double.isInfinite(price)) {
				reasons[i] = NON_POSITIVE;
				continue;
			}
			int count = collect(prices, accepted, windowStart, i, true, reference);
			if (count < this.minPoints) {
				count = collect(prices, accepted, windowStart, i, false, reference);
			}
			if (count < this.minPoints) {
				accepted[i] = true;
				continue;
			}
			double level = median(reference, count);
			levels[i] = level;
			for (int k = 0; k < count; k++) {
				logs[k] = Math.abs(Math.log(reference[k] / level));
			}
			double mad = median(logs, count);
			double limit = Math.max(this.madK * MAD_SCALE * mad, Math.log(this.minJumpFactor));
			if (Math.abs(Math.log(price / level)) > limit) {
				reasons[i] = FAR_FROM_LEVEL;
			}
			else {
				accepted[i] = true;
			}
		}
		return new Result(reasons, levels);
	}

	private static int collect(double[] prices, boolean[] accepted, int from, int to, boolean acceptedOnly,
			double[] into) {
		int count = 0;
		for (int j = from; j < to; j++) {
			double p = prices[j];
			if (p > 0 && !Double.isInfinite(p) && (!acceptedOnly || accepted[j])) {
				into[count++] = p;
			}
		}
		return count;
	}

	private static double median(double[] values, int count) {
		double[] sorted = Arrays.copyOf(values, count);
		Arrays.sort(sorted);
		int mid = count / 2;
		return (count % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	/**
	 * Flags of one card's prices.
	 *
	 * @param reasons per day, why the price is flagged, or {@code null}
	 * @param levels per day, the robust level it was compared with ({@code NaN} when not
	 * judged)
	 */
	public record Result(String[] reasons, double[] levels) {

		/**
		 * Whether day {@code i} is flagged.
		 * @param i the index
		 * @return {@code true} when flagged
		 */
		public boolean flagged(int i) {
			return this.reasons[i] != null;
		}

	}

}
