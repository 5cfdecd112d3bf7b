package dev.pokewatch.common.card;

import java.util.List;
import java.util.Objects;

/**
 * A set and the cards tracked in it.
 *
 * @param set the set
 * @param cards the listed cards (may be empty when {@code wholeSet} is true)
 * @param wholeSet track every card the provider lists for the set, not only {@code cards}
 * @since 0.1.0
 */
public record TrackedSet(CardSet set, List<TrackedCard> cards, boolean wholeSet) {

	public TrackedSet {
		Objects.requireNonNull(set, "'set' must not be null");
		cards = (cards != null) ? List.copyOf(cards) : List.of();
	}

	/**
	 * The cards whose monitoring is active.
	 * @return active cards in file order
	 */
	public List<TrackedCard> activeCards() {
		return this.cards.stream().filter((card) -> card.monitoring().active()).toList();
	}

}
