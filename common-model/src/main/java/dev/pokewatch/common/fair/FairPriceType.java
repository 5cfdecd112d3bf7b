package dev.pokewatch.common.fair;

import dev.pokewatch.common.naming.EnumIds;

/**
 * The trailing statistic a fair price is computed with.
 *
 * @since 0.1.0
 */
public enum FairPriceType {

	/** Simple moving average of the window's usable prices. */
	SMA,

	/**
	 * Exponentially weighted average with span = window (alpha = 2 / (window + 1)),
	 * weights decaying per calendar day, over the last 3 × window days.
	 */
	EWMA,

	/** Median of the window's usable prices. */
	MEDIAN,

	/** The latest usable price in the window ("tomorrow = today", the naive forecast). */
	LAST;

	/**
	 * The lower-case name used in params.yaml, metadata and metric names.
	 * @return e.g. {@code sma}
	 */
	public String id() {
		return EnumIds.id(this);
	}

	/**
	 * Parses a type name, ignoring case.
	 * @param name e.g. {@code ewma}
	 * @return the type
	 * @throws IllegalArgumentException naming the value and the accepted ones
	 */
	public static FairPriceType parse(String name) {
		return EnumIds.parse(FairPriceType.class, name, "fair-price model type");
	}

}
