package dev.pokewatch.common.fair;

/**
 * The older Python system's "fair value", kept only to report its in-sample error next to
 * ours: the mean of the last 3 <em>rows</em> with a usable price, including the day's own
 * price. It is circular (the market price leaks into its own prediction), so its error
 * says nothing about forecasting.
 *
 * @since 0.1.0
 */
public final class LegacyFairPrice {

	private static final int ROWS = 3;

	private LegacyFairPrice() {
	}

	/**
	 * Legacy fair prices of a dense series.
	 * @param usable usable prices per calendar day, {@code NaN} where none
	 * @return per day with a usable price, the mean of it and the up to 2 previous usable
	 * prices; {@code NaN} on days without a usable price
	 */
	public static double[] inSample(double[] usable) {
		double[] fair = new double[usable.length];
		double[] recent = new double[ROWS];
		int seen = 0;
		for (int i = 0; i < usable.length; i++) {
			if (Double.isNaN(usable[i])) {
				fair[i] = Double.NaN;
				continue;
			}
			recent[seen % ROWS] = usable[i];
			seen++;
			int count = Math.min(seen, ROWS);
			double sum = 0;
			for (int k = 0; k < count; k++) {
				sum += recent[k];
			}
			fair[i] = sum / count;
		}
		return fair;
	}

}
