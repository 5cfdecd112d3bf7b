package dev.pokewatch.common.feature;

import java.util.Arrays;

import dev.pokewatch.common.stats.SortedArrays;

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
		// the accepted prices of the window, kept sorted as the window slides: sorting
		// the window afresh for every day dominated preprocessing
		double[] window = new double[n];
		int windowCount = 0;
		int windowStart = 0;
		for (int i = 0; i < n; i++) {
			levels[i] = Double.NaN;
			if (i > 0 && accepted[i - 1]) {
				windowCount = SortedArrays.insert(window, windowCount, prices[i - 1]);
			}
			while (days[windowStart] < days[i] - this.windowDays) {
				if (accepted[windowStart]) {
					windowCount = SortedArrays.remove(window, windowCount, prices[windowStart]);
				}
				windowStart++;
			}
			double price = prices[i];
			if (Double.isNaN(price)) {
				continue;
			}
			if (!(price > 0) || Double.isInfinite(price)) {
				reasons[i] = NON_POSITIVE;
				continue;
			}
			double[] sorted = window;
			int count = windowCount;
			if (count < this.minPoints) {
				count = collect(prices, accepted, windowStart, i, false, reference);
				Arrays.sort(reference, 0, count);
				sorted = reference;
			}
			if (count < this.minPoints) {
				accepted[i] = true;
				continue;
			}
			double level = medianOfSorted(sorted, count);
			levels[i] = level;
			double mad = medianDeviation(sorted, count, level, logs);
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

	private static double deviation(double[] sorted, int index, int count, double level) {
		return (index >= 0 && index < count) ? Math.abs(Math.log(sorted[index] / level)) : Double.POSITIVE_INFINITY;
	}

	private static double medianOfSorted(double[] sorted, int count) {
		int mid = count / 2;
		return (count % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	/**
	 * The median of {@code |ln(x / level)|} over sorted {@code x}, without sorting: the
	 * deviations fall towards the level on its left and rise on its right, so merging the
	 * two runs outwards from the level yields them in order (the same values a sort would
	 * give, so the flags do not change).
	 */
	private static double medianDeviation(double[] sorted, int count, double level, double[] scratch) {
		int right = 0;
		while (right < count && sorted[right] < level) {
			right++;
		}
		int left = right - 1;
		int mid = count / 2;
		double l = deviation(sorted, left, count, level);
		double r = deviation(sorted, right, count, level);
		for (int k = 0; k <= mid; k++) {
			if (l <= r) {
				scratch[k] = l;
				l = deviation(sorted, --left, count, level);
			}
			else {
				scratch[k] = r;
				r = deviation(sorted, ++right, count, level);
			}
		}
		return (count % 2 == 1) ? scratch[mid] : (scratch[mid - 1] + scratch[mid]) / 2;
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
