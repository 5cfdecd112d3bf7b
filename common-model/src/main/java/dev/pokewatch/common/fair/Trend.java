package dev.pokewatch.common.fair;

import dev.pokewatch.common.naming.EnumIds;

/**
 * Which way a fair-price rule expects a card's price to go after it strays from its
 * trailing average. Either way the fair price is the price expected by the signal's
 * horizon, so BUY (market below fair) means "expected to rise".
 *
 * @since 0.2.0
 */
public enum Trend {

	/** Back to the average: the fair price is the trailing statistic itself. */
	REVERSION,

	/**
	 * The move goes on as far again: the fair price is {@code market² / average}, so a
	 * card 5 % above its average has a fair price 5 % above the market. TCGplayer's
	 * market price is a rolling average of recent sales, so a move often keeps going for
	 * days.
	 */
	MOMENTUM;

	/**
	 * The lower-case name used in params.yaml, metadata and metric names.
	 * @return {@code reversion} or {@code momentum}
	 */
	public String id() {
		return EnumIds.id(this);
	}

	/**
	 * Parses a trend name, ignoring case.
	 * @param name {@code reversion} or {@code momentum}
	 * @return the trend
	 * @throws IllegalArgumentException naming the value and the accepted ones
	 */
	public static Trend parse(String name) {
		return EnumIds.parse(Trend.class, name, "trend");
	}

}
