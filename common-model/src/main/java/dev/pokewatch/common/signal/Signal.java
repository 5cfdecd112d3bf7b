package dev.pokewatch.common.signal;

/**
 * What a trader should do with a card at its current market price.
 *
 * @since 0.1.0
 */
public enum Signal {

	/** The market price is at least the buy threshold below the fair price. */
	BUY,

	/** The market price is at least the sell threshold above the fair price. */
	SELL,

	/** Neither threshold is crossed. */
	HOLD

}
