package dev.pokewatch.collector.source;

import java.util.List;

import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.Monitoring;
import dev.pokewatch.common.card.TrackedCard;

/**
 * Ids for cards collected through {@code track_all: true} that cards.yaml does not list.
 */
public final class WholeSetCards {

	private WholeSetCards() {
	}

	/**
	 * A tracked card for a provider card that cards.yaml does not list. Its id,
	 * {@code <safe_set>_<tcgplayer_id>}, is stable as long as the set name and product id
	 * are.
	 * @param set the set
	 * @param tcgplayerId the TCGplayer product id
	 * @param name the provider's name; may be {@code null}
	 * @param cardNumber the provider's number; may be {@code null}
	 * @return the card
	 */
	public static TrackedCard card(CardSet set, String tcgplayerId, String name, String cardNumber) {
		return new TrackedCard(set.safeName() + "_" + tcgplayerId, (name != null) ? name : "product " + tcgplayerId,
				cardNumber, tcgplayerId, null, null, List.of("track_all"), Monitoring.DEFAULT);
	}

}
