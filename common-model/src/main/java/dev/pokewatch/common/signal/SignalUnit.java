package dev.pokewatch.common.signal;

import dev.pokewatch.common.naming.EnumIds;

/**
 * What a {@link SignalRule}'s thresholds are measured in.
 *
 * @since 0.2.0
 */
public enum SignalUnit {

	/**
	 * A fraction of the fair price: BUY when {@code (market - fair) / fair <= -buy}, SELL
	 * when it is {@code >= sell}. The same move means more on a calm card than on a jumpy
	 * one, which this unit ignores.
	 */
	PERCENT,

	/**
	 * The card's own recent dispersion: BUY when the strength
	 * {@code ln(fair / market) / dispersion >= buy}, SELL when it is {@code <= -sell}.
	 */
	DISPERSION;

	/**
	 * The lower-case name used in params, metadata and metric names.
	 * @return {@code percent} or {@code dispersion}
	 */
	public String id() {
		return EnumIds.id(this);
	}

	/**
	 * Parses a unit name, ignoring case.
	 * @param name {@code percent} or {@code dispersion}
	 * @return the unit
	 * @throws IllegalArgumentException naming the value and the accepted ones
	 */
	public static SignalUnit parse(String name) {
		return EnumIds.parse(SignalUnit.class, name, "signal unit");
	}

}
