package dev.pokewatch.common.signal;

/**
 * How far a card's price usually strays from its trailing average, per day, from earlier
 * days only: the standard deviation of the daily log returns of the previous
 * {@code returnDays} calendar days, scaled to the spread a random walk would show against
 * a {@code baseWindowDays}-day trailing mean, and never below {@code floor}.
 *
 * <p>
 * The scale is exact for a random walk: {@code ln(market) - ln(mean of the previous W
 * days)} then has standard deviation {@code sigma * sqrt((W + 1)(2W + 1) / (6W))}, so a
 * strength of 2 means a move twice as large as chance usually produces. The floor keeps a
 * card whose price sat still for weeks from turning its first small move into a huge
 * strength. Only returns between consecutive calendar days count; a gap breaks the chain.
 *
 * @param returnDays how many earlier days of returns are read
 * @param baseWindowDays the trailing window the deviation is measured against
 * @param floor the smallest dispersion, a log-price scale (0.01 ≈ 1 %)
 * @since 0.2.0
 */
public record Dispersion(int returnDays, int baseWindowDays, double floor) {

	/** Fewest returns a dispersion is computed from. */
	public static final int MIN_RETURNS = 5;

	public Dispersion {
		if (returnDays < MIN_RETURNS) {
			throw new IllegalArgumentException("'returnDays' must be at least " + MIN_RETURNS + ", got " + returnDays);
		}
		if (baseWindowDays < 1) {
			throw new IllegalArgumentException("'baseWindowDays' must be at least 1, got " + baseWindowDays);
		}
		if (!(floor > 0 && floor < 1)) {
			throw new IllegalArgumentException("'floor' must be in (0, 1), got " + floor);
		}
	}

	/**
	 * The random-walk scale of the deviation from a {@code window}-day trailing mean.
	 * @param window the window in days
	 * @return {@code sqrt((W + 1)(2W + 1) / (6W))}
	 */
	public static double randomWalkScale(int window) {
		double w = window;
		return Math.sqrt((w + 1) * (2 * w + 1) / (6 * w));
	}

	/**
	 * The dispersion of every day of a dense series.
	 * @param usable usable prices per calendar day, {@code NaN} where none
	 * @return per day, the dispersion from earlier days only, {@code NaN} with fewer than
	 * {@link #MIN_RETURNS} returns in the window
	 */
	public double[] of(double[] usable) {
		int n = usable.length;
		double[] returns = new double[n];
		for (int j = 0; j < n; j++) {
			returns[j] = (j > 0 && usable[j] > 0 && usable[j - 1] > 0) ? Math.log(usable[j] / usable[j - 1])
					: Double.NaN;
		}
		double scale = randomWalkScale(this.baseWindowDays);
		double[] dispersion = new double[n];
		// running sums over returns[i - returnDays .. i - 1]
		double sum = 0;
		double squares = 0;
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (i > 0 && !Double.isNaN(returns[i - 1])) {
				sum += returns[i - 1];
				squares += returns[i - 1] * returns[i - 1];
				count++;
			}
			int leaving = i - this.returnDays - 1;
			if (leaving >= 0 && !Double.isNaN(returns[leaving])) {
				sum -= returns[leaving];
				squares -= returns[leaving] * returns[leaving];
				count--;
			}
			if (count < MIN_RETURNS) {
				dispersion[i] = Double.NaN;
				continue;
			}
			double mean = sum / count;
			double variance = Math.max(0, (squares - count * mean * mean) / (count - 1));
			dispersion[i] = Math.max(this.floor, Math.sqrt(variance) * scale);
		}
		return dispersion;
	}

}
