package dev.pokewatch.common.feature;

import java.time.LocalDate;
import java.util.Arrays;

import org.apache.parquet.io.api.Binary;

/**
 * One card's processed rows as {@link ProcessedFeaturesCodec#readSeries} reads them, in
 * row order, in growable primitive arrays; {@link #toSeries()} lays them out as the dense
 * calendar-day {@link CardSeries}, as {@link CardSeries#of} would.
 */
final class CardSeriesAccumulator {

	private final String cardId;

	private int[] days = new int[16];

	private double[] prices = new double[16];

	private boolean[] outliers = new boolean[16];

	private int count;

	private int latestDay = Integer.MIN_VALUE;

	private Object name;

	private Object set;

	private Object category;

	CardSeriesAccumulator(String cardId) {
		this.cardId = cardId;
	}

	/**
	 * Adds a row.
	 * @param day the epoch day
	 * @param price the market price, {@code NaN} when unknown
	 * @param outlier the outlier flag
	 * @return whether it is the latest day so far (its names win)
	 */
	boolean add(int day, double price, boolean outlier) {
		if (this.count == this.days.length) {
			int grown = this.count * 2;
			this.days = Arrays.copyOf(this.days, grown);
			this.prices = Arrays.copyOf(this.prices, grown);
			this.outliers = Arrays.copyOf(this.outliers, grown);
		}
		this.days[this.count] = day;
		this.prices[this.count] = price;
		this.outliers[this.count] = outlier;
		this.count++;
		// as CardSeries.of: the first row of the latest day keeps the names
		if (day > this.latestDay) {
			this.latestDay = day;
			return true;
		}
		return false;
	}

	/**
	 * Sets the names, each a {@code String}, a {@link Binary} decoded only in
	 * {@link #toSeries()}, or {@code null}.
	 */
	void names(Object name, Object set, Object category) {
		this.name = name;
		this.set = set;
		this.category = category;
	}

	CardSeries toSeries() {
		int first = Integer.MAX_VALUE;
		for (int k = 0; k < this.count; k++) {
			first = Math.min(first, this.days[k]);
		}
		int length = this.latestDay - first + 1;
		double[] usable = new double[length];
		double[] market = new double[length];
		boolean[] outlier = new boolean[length];
		boolean[] collected = new boolean[length];
		Arrays.fill(usable, Double.NaN);
		Arrays.fill(market, Double.NaN);
		for (int k = 0; k < this.count; k++) {
			int i = this.days[k] - first;
			double price = this.prices[k];
			market[i] = price;
			outlier[i] = this.outliers[k];
			collected[i] = true;
			usable[i] = (!this.outliers[k] && price > 0) ? price : Double.NaN;
		}
		return new CardSeries(this.cardId, text(this.name), text(this.set), text(this.category),
				LocalDate.ofEpochDay(first), usable, market, outlier, collected);
	}

	private static String text(Object value) {
		return (value instanceof Binary binary) ? binary.toStringUsingUTF8() : (String) value;
	}

}
