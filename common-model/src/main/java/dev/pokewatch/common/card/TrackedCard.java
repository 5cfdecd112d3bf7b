package dev.pokewatch.common.card;

import java.util.List;
import java.util.Objects;

/**
 * One card listed in {@code config/cards.yaml}.
 *
 * @param internalId the stable card id used everywhere downstream ({@code card_id} in
 * data)
 * @param name display name
 * @param cardNumber printed number, e.g. {@code 201/165}; may be {@code null}
 * @param tcgplayerId TCGplayer product id, the lookup key of both HTTP sources; may be
 * {@code null}
 * @param providerCardId the Pokémon Price Tracker internal id ({@code card_id} in the
 * YAML); may be {@code null}
 * @param category free-form category such as {@code grail} or {@code chase}
 * @param tags free-form tags
 * @param monitoring tracking switch and priority
 * @param rarity rarity as printed ({@code rarity} in the YAML); may be {@code null}
 * @param printing the TCGplayer printing to price ({@code printing} in the YAML, e.g.
 * {@code Holofoil}, {@code Reverse Holofoil}); {@code null} lets the source choose
 * @since 0.1.0
 */
public record TrackedCard(String internalId, String name, String cardNumber, String tcgplayerId, String providerCardId,
		String category, List<String> tags, Monitoring monitoring, String rarity, String printing) {

	public TrackedCard {
		Objects.requireNonNull(internalId, "'internalId' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		category = (category == null || category.isBlank()) ? "uncategorized" : category;
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		monitoring = (monitoring != null) ? monitoring : Monitoring.DEFAULT;
		rarity = (rarity == null || rarity.isBlank()) ? null : rarity;
		printing = (printing == null || printing.isBlank()) ? null : printing;
	}

	/**
	 * A card without rarity or printing.
	 * @param internalId the stable card id
	 * @param name display name
	 * @param cardNumber printed number
	 * @param tcgplayerId TCGplayer product id
	 * @param providerCardId the Pokémon Price Tracker internal id
	 * @param category free-form category
	 * @param tags free-form tags
	 * @param monitoring tracking switch and priority
	 */
	public TrackedCard(String internalId, String name, String cardNumber, String tcgplayerId, String providerCardId,
			String category, List<String> tags, Monitoring monitoring) {
		this(internalId, name, cardNumber, tcgplayerId, providerCardId, category, tags, monitoring, null, null);
	}

}
