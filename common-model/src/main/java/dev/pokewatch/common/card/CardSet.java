package dev.pokewatch.common.card;

import java.util.Objects;

/**
 * A card set as the price provider knows it.
 *
 * @param id provider id of the set (Pokémon Price Tracker set id or TCGplayer group id)
 * @param name display name, e.g. {@code "SV2a: Pokemon Card 151"}; also the source of the
 * safe file name
 * @param language card language ({@code english}, {@code japanese}, ...)
 * @param tcgplayerGroupId TCGplayer group id of the set ({@code tcgplayer_group_id} in
 * the YAML), needed by the TCGCSV source; may be {@code null}
 * @since 0.1.0
 */
public record CardSet(String id, String name, String language, String tcgplayerGroupId) {

	public CardSet {
		Objects.requireNonNull(id, "'id' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		language = (language == null || language.isBlank()) ? "english" : language;
		tcgplayerGroupId = (tcgplayerGroupId == null || tcgplayerGroupId.isBlank()) ? null : tcgplayerGroupId;
	}

	/**
	 * A set without a TCGplayer group id.
	 * @param id provider id of the set
	 * @param name display name
	 * @param language card language
	 */
	public CardSet(String id, String name, String language) {
		this(id, name, language, null);
	}

	/**
	 * The set name as used in file names ({@link SafeSetName}).
	 * @return the safe set name, never empty
	 */
	public String safeName() {
		return SafeSetName.of(this.name);
	}

}
