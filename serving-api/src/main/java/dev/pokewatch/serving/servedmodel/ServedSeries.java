package dev.pokewatch.serving.servedmodel;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One card's history in the served model, as parallel arrays sorted by day so an as-of
 * lookup is a binary search without allocation. Days are epoch days; a missing fair price
 * or dispersion is {@code NaN}. The category, like the names, is kept once per card (that
 * of its latest day that has one). Instances are never mutated after construction.
 */
public final class ServedSeries {

	private final String cardId;

	private final String cardName;

	private final String setName;

	private final String category;

	private final int[] epochDays;

	private final double[] marketPrices;

	private final double[] fairPrices;

	/** {@code null} when the card has no known dispersion on any day. */
	private final double[] dispersions;

	private final boolean[] outliers;

	ServedSeries(String cardId, String cardName, String setName, String category, int[] epochDays,
			double[] marketPrices, double[] fairPrices, double[] dispersions, boolean[] outliers) {
		if (epochDays.length == 0) {
			throw new IllegalArgumentException("'epochDays' must not be empty for card " + cardId);
		}
		this.cardId = cardId;
		this.cardName = cardName;
		this.setName = setName;
		this.category = category;
		this.epochDays = epochDays;
		this.marketPrices = marketPrices;
		this.fairPrices = fairPrices;
		this.dispersions = dispersions;
		this.outliers = outliers;
	}

	/**
	 * The index of the latest day at or before the given day.
	 * @param epochDay the requested day
	 * @return the index, or {@code -1} when the day is before the card's history
	 */
	public int indexAtOrBefore(int epochDay) {
		int found = Arrays.binarySearch(this.epochDays, epochDay);
		return (found >= 0) ? found : -found - 2;
	}

	/**
	 * The index of the latest day.
	 * @return the last index
	 */
	public int lastIndex() {
		return this.epochDays.length - 1;
	}

	/**
	 * Number of days.
	 * @return the number of days with a market price
	 */
	public int size() {
		return this.epochDays.length;
	}

	public String cardId() {
		return this.cardId;
	}

	/**
	 * The display name.
	 * @return the name, or {@code null}
	 */
	public String cardName() {
		return this.cardName;
	}

	/**
	 * The set's display name.
	 * @return the name, or {@code null}
	 */
	public String setName() {
		return this.setName;
	}

	/**
	 * The card's category (e.g. {@code pokemon}).
	 * @return the category, or {@code null}
	 */
	public String category() {
		return this.category;
	}

	/**
	 * The epoch day at an index.
	 * @param index the index
	 * @return the epoch day
	 */
	public int epochDay(int index) {
		return this.epochDays[index];
	}

	/**
	 * The day at an index.
	 * @param index the index
	 * @return the day
	 */
	public LocalDate date(int index) {
		return LocalDate.ofEpochDay(this.epochDays[index]);
	}

	/**
	 * The market price at an index.
	 * @param index the index
	 * @return the market price
	 */
	public double marketPrice(int index) {
		return this.marketPrices[index];
	}

	/**
	 * The fair price at an index.
	 * @param index the index
	 * @return the fair price, or {@code NaN} when the model has none for that day
	 */
	public double fairPrice(int index) {
		return this.fairPrices[index];
	}

	/**
	 * The card's dispersion at an index, the scale of its signal strength.
	 * @param index the index
	 * @return the dispersion (a log-price scale), or {@code NaN} when unknown
	 */
	public double dispersion(int index) {
		return (this.dispersions != null) ? this.dispersions[index] : Double.NaN;
	}

	/**
	 * Whether the market price at an index was flagged as an outlier.
	 * @param index the index
	 * @return the flag
	 */
	public boolean outlier(int index) {
		return this.outliers[index];
	}

	/**
	 * The first day of the history.
	 * @return the first day
	 */
	public LocalDate firstDate() {
		return date(0);
	}

	/**
	 * The last day of the history.
	 * @return the latest day
	 */
	public LocalDate latestDate() {
		return date(lastIndex());
	}

}
