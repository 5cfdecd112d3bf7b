package dev.pokewatch.common.feature;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One card's prices as a dense calendar-day series from its first to its last day: index
 * {@code i} is day {@code firstDay + i}. Models and metrics run on these arrays; missing
 * days are {@code NaN}, so calendar windows stay calendar windows.
 *
 * @since 0.1.0
 */
public final class CardSeries {

	private final String cardId;

	private final String cardName;

	private final String setName;

	private final String category;

	private final LocalDate firstDay;

	private final double[] usable;

	private final double[] market;

	private final boolean[] outlier;

	private final boolean[] collected;

	/**
	 * Creates a series; arrays are used as given (not copied) and must have one length.
	 * @param cardId the card
	 * @param cardName display name, may be {@code null}
	 * @param setName set display name, may be {@code null}
	 * @param category category, may be {@code null}
	 * @param firstDay the day of index 0
	 * @param usable per day the usable price (positive, not flagged), else {@code NaN}
	 * @param market per day the market price as collected, {@code NaN} when absent
	 * @param outlier per day whether the price was flagged
	 */
	public CardSeries(String cardId, String cardName, String setName, String category, LocalDate firstDay,
			double[] usable, double[] market, boolean[] outlier) {
		this(cardId, cardName, setName, category, firstDay, usable, market, outlier, collectedWherePriced(market));
	}

	/**
	 * Creates a series that also knows the days collected without a price.
	 * @param cardId the card
	 * @param cardName display name, may be {@code null}
	 * @param setName set display name, may be {@code null}
	 * @param category category, may be {@code null}
	 * @param firstDay the day of index 0
	 * @param usable per day the usable price (positive, not flagged), else {@code NaN}
	 * @param market per day the market price as collected, {@code NaN} when absent
	 * @param outlier per day whether the price was flagged
	 * @param collected per day whether a row was collected (with or without a price)
	 */
	public CardSeries(String cardId, String cardName, String setName, String category, LocalDate firstDay,
			double[] usable, double[] market, boolean[] outlier, boolean[] collected) {
		this.cardId = Objects.requireNonNull(cardId, "'cardId' must not be null");
		this.cardName = cardName;
		this.setName = setName;
		this.category = category;
		this.firstDay = Objects.requireNonNull(firstDay, "'firstDay' must not be null");
		if (usable.length != market.length || usable.length != outlier.length || usable.length != collected.length) {
			throw new IllegalArgumentException("series arrays of card '" + cardId + "' differ in length");
		}
		this.usable = usable;
		this.market = market;
		this.outlier = outlier;
		this.collected = collected;
	}

	private static boolean[] collectedWherePriced(double[] market) {
		boolean[] collected = new boolean[market.length];
		for (int i = 0; i < market.length; i++) {
			collected[i] = !Double.isNaN(market[i]);
		}
		return collected;
	}

	/**
	 * Builds one series per card from processed rows (any order; one row per card and
	 * day).
	 * @param rows processed rows
	 * @return series in order of first appearance of each card
	 */
	public static List<CardSeries> of(List<ProcessedPriceRow> rows) {
		Map<String, List<ProcessedPriceRow>> byCard = new LinkedHashMap<>();
		for (ProcessedPriceRow row : rows) {
			byCard.computeIfAbsent(row.raw().cardId(), (id) -> new ArrayList<>()).add(row);
		}
		List<CardSeries> series = new ArrayList<>(byCard.size());
		for (List<ProcessedPriceRow> cardRows : byCard.values()) {
			series.add(ofCard(cardRows));
		}
		return series;
	}

	private static CardSeries ofCard(List<ProcessedPriceRow> rows) {
		// one layout for both paths: the codec's column reader fills the same accumulator
		CardSeriesAccumulator series = new CardSeriesAccumulator(rows.get(0).raw().cardId());
		for (ProcessedPriceRow row : rows) {
			Double price = row.raw().marketPrice();
			// names come from the latest row: providers fix typos, the newest spelling
			// wins
			if (series.add((int) row.raw().date().toEpochDay(), (price != null) ? price : Double.NaN, row.outlier())) {
				series.names(row.raw().cardName(), row.raw().setName(), row.raw().category());
			}
		}
		return series.toSeries();
	}

	public String cardId() {
		return this.cardId;
	}

	public String cardName() {
		return this.cardName;
	}

	public String setName() {
		return this.setName;
	}

	public String category() {
		return this.category;
	}

	public LocalDate firstDay() {
		return this.firstDay;
	}

	/**
	 * The number of calendar days covered.
	 * @return the length
	 */
	public int length() {
		return this.usable.length;
	}

	/**
	 * The day of an index.
	 * @param index the index
	 * @return the day
	 */
	public LocalDate day(int index) {
		return this.firstDay.plusDays(index);
	}

	/**
	 * The index of a day, which may be outside {@code [0, length)}.
	 * @param day the day
	 * @return the index
	 */
	public int index(LocalDate day) {
		return (int) ChronoUnit.DAYS.between(this.firstDay, day);
	}

	/**
	 * Usable prices per day ({@code NaN} where none); the array itself, do not modify.
	 * @return the prices
	 */
	public double[] usable() {
		return this.usable;
	}

	/**
	 * Collected market prices per day ({@code NaN} where absent), outliers included; the
	 * array itself, do not modify.
	 * @return the prices
	 */
	public double[] market() {
		return this.market;
	}

	/**
	 * Outlier flags per day; the array itself, do not modify.
	 * @return the flags
	 */
	public boolean[] outlier() {
		return this.outlier;
	}

	/**
	 * Whether a row was collected on day {@code index}, with or without a price.
	 * @param index the index
	 * @return {@code true} when a row exists for that day
	 */
	public boolean collected(int index) {
		return this.collected[index];
	}

	/**
	 * Whether a row with a price was collected on day {@code index}.
	 * @param index the index
	 * @return {@code true} when collected with a price
	 */
	public boolean hasMarketPrice(int index) {
		return !Double.isNaN(this.market[index]);
	}

}
