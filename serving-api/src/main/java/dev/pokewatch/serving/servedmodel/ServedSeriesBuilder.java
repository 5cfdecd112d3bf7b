package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Growable primitive arrays of one card's served days while {@link ModelIndexLoader}
 * reads the features file, in file order until {@link #build} sorts them into a
 * {@link ServedSeries}.
 */
final class ServedSeriesBuilder {

	private final String cardId;

	private int size;

	private int[] days = new int[8];

	private double[] market = new double[8];

	private double[] fair = new double[8];

	private boolean[] outliers = new boolean[8];

	/**
	 * Dispersions, allocated at the first known one: a model without the column (written
	 * before it existed) costs nothing.
	 */
	private double[] dispersions;

	private boolean sorted = true;

	private String cardName;

	private int cardNameDay = Integer.MIN_VALUE;

	private String setName;

	private int setNameDay = Integer.MIN_VALUE;

	private String category;

	private int categoryDay = Integer.MIN_VALUE;

	ServedSeriesBuilder(String cardId) {
		this.cardId = cardId;
	}

	String cardId() {
		return this.cardId;
	}

	/** The number of days added so far. */
	int size() {
		return this.size;
	}

	void add(int day, double marketPrice, double fairPrice, double dispersion, boolean outlier) {
		if (this.size == this.days.length) {
			int capacity = Math.max(8, this.size * 2);
			this.days = Arrays.copyOf(this.days, capacity);
			this.market = Arrays.copyOf(this.market, capacity);
			this.fair = Arrays.copyOf(this.fair, capacity);
			this.outliers = Arrays.copyOf(this.outliers, capacity);
			if (this.dispersions != null) {
				this.dispersions = growWithNaN(this.dispersions, capacity);
			}
		}
		if (this.dispersions == null && !Double.isNaN(dispersion)) {
			this.dispersions = growWithNaN(new double[0], this.days.length);
		}
		if (this.dispersions != null) {
			this.dispersions[this.size] = dispersion;
		}
		if (this.size > 0 && day < this.days[this.size - 1]) {
			this.sorted = false;
		}
		this.days[this.size] = day;
		this.market[this.size] = marketPrice;
		this.fair[this.size] = fairPrice;
		this.outliers[this.size] = outlier;
		this.size++;
	}

	/** Keeps the names and category of the latest day that has them. */
	void names(int day, String name, String set, String cardCategory) {
		if (cardCategory != null && day >= this.categoryDay) {
			this.category = cardCategory;
			this.categoryDay = day;
		}
		if (name != null && day >= this.cardNameDay) {
			this.cardName = name;
			this.cardNameDay = day;
		}
		if (set != null && day >= this.setNameDay) {
			this.setName = set;
			this.setNameDay = day;
		}
	}

	/** Shrinks the arrays to the rows added so far. */
	void trim() {
		if (this.days.length != this.size) {
			this.days = Arrays.copyOf(this.days, this.size);
			this.market = Arrays.copyOf(this.market, this.size);
			this.fair = Arrays.copyOf(this.fair, this.size);
			this.outliers = Arrays.copyOf(this.outliers, this.size);
			if (this.dispersions != null) {
				this.dispersions = Arrays.copyOf(this.dispersions, this.size);
			}
		}
	}

	private static double[] growWithNaN(double[] values, int capacity) {
		double[] grown = Arrays.copyOf(values, capacity);
		Arrays.fill(grown, values.length, capacity, Double.NaN);
		return grown;
	}

	ServedSeries build(Path file) {
		int n = this.size;
		trim();
		int[] sortedDays = this.days;
		double[] sortedMarket = this.market;
		double[] sortedFair = this.fair;
		boolean[] sortedOutliers = this.outliers;
		double[] sortedDispersions = this.dispersions;
		if (!this.sorted) {
			sortedDays = new int[n];
			sortedMarket = new double[n];
			sortedFair = new double[n];
			sortedOutliers = new boolean[n];
			sortedDispersions = (this.dispersions != null) ? new double[n] : null;
			Integer[] order = new Integer[n];
			for (int i = 0; i < n; i++) {
				order[i] = i;
			}
			Arrays.sort(order, (a, b) -> Integer.compare(this.days[a], this.days[b]));
			for (int i = 0; i < n; i++) {
				sortedDays[i] = this.days[order[i]];
				sortedMarket[i] = this.market[order[i]];
				sortedFair[i] = this.fair[order[i]];
				sortedOutliers[i] = this.outliers[order[i]];
				if (sortedDispersions != null) {
					sortedDispersions[i] = this.dispersions[order[i]];
				}
			}
		}
		for (int i = 1; i < n; i++) {
			if (sortedDays[i] == sortedDays[i - 1]) {
				throw new ModelLoadException(file + ": duplicate row for card '" + this.cardId + "' on "
						+ LocalDate.ofEpochDay(sortedDays[i]));
			}
		}
		return new ServedSeries(this.cardId, this.cardName, this.setName, this.category, sortedDays, sortedMarket,
				sortedFair, sortedDispersions, sortedOutliers);
	}

}
