package dev.pokewatch.collector.source;

import java.util.List;
import java.util.Optional;

import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.Monitoring;
import dev.pokewatch.common.card.TrackedCard;

/**
 * The tracked cards of {@code track_all: true} sets that cards.yaml does not list. A
 * TCGplayer product has one price per printing, so a source that knows the printing makes
 * one card per (product, printing) with the id
 * {@code <safe_set>_<tcgplayer_id>_<printing_key>}; one that does not (Pokémon Price
 * Tracker) makes one card per product, {@code <safe_set>_<tcgplayer_id>}. The ids are
 * stable as long as the set name, product id and printing are.
 */
public final class WholeSetCards {

	/** Category of a product the catalog lists as sealed or other non-single product. */
	public static final String SEALED = "sealed";

	/** Category of a product the catalog lists as a single card. */
	public static final String SINGLE = "single";

	private WholeSetCards() {
	}

	/**
	 * A tracked card for a provider product that cards.yaml does not list. Name, number
	 * and rarity come from the bundled {@link ProductCatalog} when it knows the product,
	 * else from the provider; the category is {@code sealed} when the catalog's kind is
	 * not {@code single}, {@code single} when it is, and {@code uncategorized} for
	 * products the catalog does not know.
	 * @param set the set
	 * @param tcgplayerId the TCGplayer product id
	 * @param printing the TCGplayer printing ({@code subTypeName}); {@code null} when the
	 * provider prices the product as a whole
	 * @param name the provider's name; may be {@code null}
	 * @param cardNumber the provider's number; may be {@code null}
	 * @return the card
	 */
	public static TrackedCard card(CardSet set, String tcgplayerId, String printing, String name, String cardNumber) {
		Optional<ProductCatalog.Product> known = ProductCatalog.bundled().find(tcgplayerId);
		String knownName = known.map(ProductCatalog.Product::name).orElse(name);
		String category = known.map((product) -> product.single() ? SINGLE : SEALED).orElse(null);
		return new TrackedCard(id(set, tcgplayerId, printing),
				(knownName != null) ? knownName : "product " + tcgplayerId,
				known.map(ProductCatalog.Product::number).orElse(cardNumber), tcgplayerId, null, category,
				List.of("track_all"), Monitoring.DEFAULT, known.map(ProductCatalog.Product::rarity).orElse(null),
				printing);
	}

	/**
	 * The card id of a whole-set product.
	 * @param set the set
	 * @param tcgplayerId the TCGplayer product id
	 * @param printing the printing, or {@code null}
	 * @return {@code <safe_set>_<tcgplayer_id>_<printing_key>}, or
	 * {@code <safe_set>_<tcgplayer_id>} without a printing
	 */
	public static String id(CardSet set, String tcgplayerId, String printing) {
		String id = set.safeName() + "_" + tcgplayerId;
		return (printing != null && !printing.isBlank()) ? id + "_" + Printings.key(printing) : id;
	}

}
