package dev.pokewatch.common.fair;

import java.util.Objects;

import dev.pokewatch.common.stats.SortedArrays;

/**
 * A fair-price model: a trailing statistic of the usable prices of the {@code windowDays}
 * calendar days <em>before</em> a day (the day's own price never contributes: the older
 * system included it, which made fair ≈ market and every signal HOLD), read through a
 * {@link Trend}: under {@link Trend#REVERSION} the statistic is the fair price, under
 * {@link Trend#MOMENTUM} the day's move away from it is expected to go on as far again.
 *
 * <p>
 * Models run on dense calendar-day arrays: index {@code i} is day {@code first + i};
 * {@code NaN} marks a day without a usable price (missing, zero, negative or flagged as
 * an outlier), so missing days shorten a window instead of stretching it.
 *
 * @param type the statistic
 * @param windowDays the window in calendar days, at least 1
 * @param trend how the statistic becomes a fair price
 * @since 0.1.0
 */
public record FairPriceRule(FairPriceType type, int windowDays, Trend trend) {

	public FairPriceRule {
		Objects.requireNonNull(type, "'type' must not be null");
		Objects.requireNonNull(trend, "'trend' must not be null");
		if (windowDays < 1) {
			throw new IllegalArgumentException("'windowDays' must be at least 1, got " + windowDays);
		}
	}

	/**
	 * A mean-reverting rule: the trailing statistic is the fair price.
	 * @param type the statistic
	 * @param windowDays the window in calendar days
	 */
	public FairPriceRule(FairPriceType type, int windowDays) {
		this(type, windowDays, Trend.REVERSION);
	}

	/**
	 * A stable identifier, e.g. {@code ewma_7}, or {@code ewma_7_momentum}.
	 * @return the id
	 */
	public String id() {
		String id = this.type.id() + "_" + this.windowDays;
		return (this.trend == Trend.REVERSION) ? id : id + "_" + this.trend.id();
	}

	/**
	 * The trailing statistic of every day of a dense series, before the trend is applied.
	 * @param usable usable prices per calendar day, {@code NaN} where none
	 * @return per day, the statistic of earlier days only, or {@code NaN} when the window
	 * holds no usable price
	 */
	public double[] basePrices(double[] usable) {
		return switch (this.type) {
			case SMA -> sma(usable);
			case EWMA -> ewma(usable);
			case MEDIAN -> median(usable);
			case LAST -> last(usable);
		};
	}

	/**
	 * Fair prices of every day of a dense series.
	 * @param usable usable prices per calendar day, {@code NaN} where none
	 * @return per day, the fair price, or {@code NaN} when the window holds no usable
	 * price; under {@link Trend#MOMENTUM} a day without a usable price of its own gets
	 * the statistic
	 */
	public double[] fairPrices(double[] usable) {
		double[] fair = basePrices(usable);
		if (this.trend == Trend.MOMENTUM) {
			applyMomentum(usable, fair);
		}
		return fair;
	}

	/**
	 * Fair prices from the statistic {@link #basePrices} already gave for this rule's
	 * type and window: rules that differ only in their trend share it, so a grid computes
	 * it once for all of them.
	 * @param usable usable prices per calendar day, {@code NaN} where none
	 * @param basePrices {@link #basePrices(double[])} of {@code usable} by a rule of the
	 * same type and window; never modified
	 * @return what {@link #fairPrices(double[])} returns; under {@link Trend#REVERSION}
	 * {@code basePrices} itself, so neither array may be modified while the other is in
	 * use
	 * @since 0.1.0
	 */
	public double[] fairPrices(double[] usable, double[] basePrices) {
		if (this.trend != Trend.MOMENTUM) {
			return basePrices;
		}
		double[] fair = basePrices.clone();
		applyMomentum(usable, fair);
		return fair;
	}

	private static void applyMomentum(double[] usable, double[] fair) {
		for (int i = 0; i < fair.length; i++) {
			if (usable[i] > 0 && fair[i] > 0) {
				fair[i] = usable[i] * usable[i] / fair[i];
			}
		}
	}

	private double[] sma(double[] usable) {
		int n = usable.length;
		double[] fair = new double[n];
		// running sums over the window make SMA O(n) for any window
		double sum = 0;
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (i > 0 && !Double.isNaN(usable[i - 1])) {
				sum += usable[i - 1];
				count++;
			}
			int leaving = i - this.windowDays - 1;
			if (leaving >= 0 && !Double.isNaN(usable[leaving])) {
				sum -= usable[leaving];
				count--;
			}
			fair[i] = (count > 0) ? sum / count : Double.NaN;
		}
		return fair;
	}

	private double[] ewma(double[] usable) {
		int n = usable.length;
		double[] fair = new double[n];
		double decay = 1 - 2.0 / (this.windowDays + 1);
		int lookback = 3 * this.windowDays;
		for (int i = 0; i < n; i++) {
			double weighted = 0;
			double weights = 0;
			double weight = 1;
			for (int age = 1; age <= lookback && i - age >= 0; age++) {
				double price = usable[i - age];
				if (!Double.isNaN(price)) {
					weighted += weight * price;
					weights += weight;
				}
				weight *= decay;
			}
			fair[i] = (weights > 0) ? weighted / weights : Double.NaN;
		}
		return fair;
	}

	private double[] median(double[] usable) {
		int n = usable.length;
		double[] fair = new double[n];
		// the window's prices kept sorted as it slides (one insert and one removal a day)
		double[] window = new double[this.windowDays + 1];
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (i > 0 && !Double.isNaN(usable[i - 1])) {
				count = SortedArrays.insert(window, count, usable[i - 1]);
			}
			int leaving = i - this.windowDays - 1;
			if (leaving >= 0 && !Double.isNaN(usable[leaving])) {
				count = SortedArrays.remove(window, count, usable[leaving]);
			}
			if (count == 0) {
				fair[i] = Double.NaN;
				continue;
			}
			int mid = count / 2;
			fair[i] = (count % 2 == 1) ? window[mid] : (window[mid - 1] + window[mid]) / 2;
		}
		return fair;
	}

	private double[] last(double[] usable) {
		int n = usable.length;
		double[] fair = new double[n];
		int lastIndex = -1;
		for (int i = 0; i < n; i++) {
			fair[i] = (lastIndex >= 0 && i - lastIndex <= this.windowDays) ? usable[lastIndex] : Double.NaN;
			if (!Double.isNaN(usable[i])) {
				lastIndex = i;
			}
		}
		return fair;
	}

	@Override
	public String toString() {
		return id();
	}

}
