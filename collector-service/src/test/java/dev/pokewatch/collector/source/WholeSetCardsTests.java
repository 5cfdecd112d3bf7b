package dev.pokewatch.collector.source;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.TrackedCard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WholeSetCards}.
 */
class WholeSetCardsTests {

	private static final CardSet SKIES = new CardSet("swsh07", "SWSH07: Evolving Skies", "english", "2848");

	@Test
	void cardWhenPrintingGivenShouldHaveOneIdPerPrinting() {
		assertThat(WholeSetCards.card(SKIES, "246766", "Reverse Holofoil", null, null).internalId())
			.isEqualTo("swsh07_evolving_skies_246766_reverse_holofoil");
		assertThat(WholeSetCards.card(SKIES, "246766", "Normal", null, null).internalId())
			.isEqualTo("swsh07_evolving_skies_246766_normal");
		assertThat(WholeSetCards.id(new CardSet("base1", "Base Set", null), "42346", "1st Edition Holofoil"))
			.isEqualTo("base_set_42346_1st_edition_holofoil");
	}

	@Test
	void cardWhenNoPrintingShouldKeepTheProductId() {
		assertThat(WholeSetCards.card(SKIES, "999999999", null, "Someone", "1/2").internalId())
			.isEqualTo("swsh07_evolving_skies_999999999");
	}

	@Test
	void cardWhenCatalogKnowsProductShouldTakeItsNameNumberRarityAndKind() {
		TrackedCard card = WholeSetCards.card(SKIES, "246766", "Reverse Holofoil", "provider name", "0");
		assertThat(card)
			.extracting(TrackedCard::name, TrackedCard::cardNumber, TrackedCard::rarity, TrackedCard::printing,
					TrackedCard::category, TrackedCard::tcgplayerId)
			.containsExactly("Aroma Lady", "141", "Uncommon", "Reverse Holofoil", "single", "246766");
		assertThat(WholeSetCards.card(SKIES, "242434", "Normal", null, null))
			.extracting(TrackedCard::name, TrackedCard::category)
			.containsExactly("product 242434", "sealed");
	}

	@Test
	void cardWhenCatalogDoesNotKnowProductShouldUseProviderFields() {
		TrackedCard card = WholeSetCards.card(SKIES, "999999999", "Holofoil", "New card", "300/203");
		assertThat(card).extracting(TrackedCard::name, TrackedCard::cardNumber, TrackedCard::category)
			.containsExactly("New card", "300/203", "uncategorized");
	}

	@Test
	void printingKeyShouldLowerCaseAndJoinOtherCharactersWithUnderscores() {
		assertThat(Printings.key("Reverse Holofoil")).isEqualTo("reverse_holofoil");
		assertThat(Printings.key("1st Edition Holofoil")).isEqualTo("1st_edition_holofoil");
		assertThat(Printings.key("Holofoil")).isEqualTo("holofoil");
	}

}
