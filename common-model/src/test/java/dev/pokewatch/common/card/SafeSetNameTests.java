package dev.pokewatch.common.card;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SafeSetName}.
 */
class SafeSetNameTests {

	@Test
	void ofWhenPythonSystemSetNameShouldMatchItsFileName() {
		assertThat(SafeSetName.of("SV2a: Pokemon Card 151")).isEqualTo("sv2a_pokemon_card_151");
	}

	@Test
	void ofWhenDashesAndPunctuationShouldUseUnderscoresAndDropTheRest() {
		assertThat(SafeSetName.of("Sword & Shield - Evolving Skies")).isEqualTo("sword__shield___evolving_skies");
		assertThat(SafeSetName.of("SV: Scarlet & Violet 151")).isEqualTo("sv_scarlet__violet_151");
		assertThat(SafeSetName.of("Pokémon GO")).isEqualTo("pokmon_go");
	}

	@Test
	void ofWhenNothingUsableIsLeftShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> SafeSetName.of(":::")).withMessageContaining(":::");
	}

	@Test
	void safeNameWhenCardSetShouldUseItsName() {
		assertThat(new CardSet("sv03.5", "SV: Scarlet & Violet 151", null).safeName())
			.isEqualTo("sv_scarlet__violet_151");
	}

}
