package dev.pokewatch.common.card;

/**
 * Whether and how eagerly a card is tracked.
 *
 * @param active inactive cards are not collected
 * @param priority higher is more important (grail 3, chase 2 in the shipped config)
 * @since 0.1.0
 */
public record Monitoring(boolean active, int priority) {

	/** The default for a card without a {@code monitoring} block. */
	public static final Monitoring DEFAULT = new Monitoring(true, 1);

}
