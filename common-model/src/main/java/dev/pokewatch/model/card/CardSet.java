package dev.pokewatch.model.card;

import java.util.Objects;

/**
 * A card set as the price provider knows it.
 *
 * @param id provider id of the set (Pokémon Price Tracker set id or TCGplayer group id)
 * @param name display name, e.g. {@code "SV2a: Pokemon Card 151"}; also the source of the
 * safe file name
 * @param language card language ({@code english}, {@code japanese}, ...)
 * @since 0.1.0
 */
public record CardSet(String id, String name, String language) {

	public CardSet {
		Objects.requireNonNull(id, "'id' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		language = (language == null || language.isBlank()) ? "english" : language;
	}

	/**
	 * The set name as used in file names ({@link SafeSetName}).
	 * @return the safe set name, never empty
	 */
	public String safeName() {
		return SafeSetName.of(this.name);
	}

}
