package dev.pokewatch.common.metrics;

/**
 * The price bands evidence is broken down by: a signal that works on sub-dollar cards
 * (whose noisy prices revert by themselves) says little about the cards a collector
 * trades.
 *
 * @since 0.2.0
 */
public enum PriceBand {

	/** Under $1. */
	UNDER_1("lt1", 0, 1),

	/** $1 to under $5. */
	FROM_1_TO_5("1_5", 1, 5),

	/** $5 to under $20. */
	FROM_5_TO_20("5_20", 5, 20),

	/** $20 and more. */
	FROM_20("20_plus", 20, Double.POSITIVE_INFINITY);

	// values() copies its array on every call: a backtest asks for millions of points
	private static final PriceBand[] BANDS = values();

	private final String key;

	private final String groupKey;

	private final double from;

	private final double to;

	PriceBand(String key, double from, double to) {
		this.key = key;
		this.groupKey = "band_" + key;
		this.from = from;
		this.to = to;
	}

	/**
	 * The key metrics are published under, e.g. {@code band_5_20}.
	 * @return the key
	 */
	public String key() {
		return this.groupKey;
	}

	/**
	 * The band a price falls in.
	 * @param price a positive price
	 * @return its band
	 */
	public static PriceBand of(double price) {
		for (PriceBand band : BANDS) {
			if (price >= band.from && price < band.to) {
				return band;
			}
		}
		return UNDER_1;
	}

	/**
	 * A label for people, e.g. {@code $5–20}.
	 * @return the label
	 */
	public String label() {
		if (Double.isInfinite(this.to)) {
			return "$" + (int) this.from + "+";
		}
		return (this.from == 0) ? "< $" + (int) this.to : "$" + (int) this.from + "–" + (int) this.to;
	}

}
