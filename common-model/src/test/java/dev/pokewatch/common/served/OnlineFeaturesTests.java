package dev.pokewatch.common.served;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OnlineFeatures}.
 */
class OnlineFeaturesTests {

	@Test
	void cardShouldSurviveItsHashWithEveryDigit() {
		OnlineFeatures.Card card = new OnlineFeatures.Card("sv1_1", "Pikachu", "Base", "holo",
				LocalDate.of(2026, 8, 22), 0.1 + 0.2, 12.345678901234567, 0.0123, true);

		assertThat(OnlineFeatures.Card.fromHash("sv1_1", card.toHash())).isEqualTo(card);
	}

	@Test
	void cardWhenValuesUnknownShouldLeaveThemOutAndReadThemAsNaN() {
		OnlineFeatures.Card card = new OnlineFeatures.Card("c", null, null, null, LocalDate.of(2026, 1, 2), 5.0,
				Double.NaN, Double.NaN, false);

		Map<String, String> hash = card.toHash();

		assertThat(hash).containsOnlyKeys("date", "market_price", "outlier");
		OnlineFeatures.Card read = OnlineFeatures.Card.fromHash("c", hash);
		assertThat(read.fairPrice()).isNaN();
		assertThat(read.dispersion()).isNaN();
		assertThat(read.cardName()).isNull();
	}

	@Test
	void fromHashWhenDateMissingOrBadShouldNameTheCard() {
		assertThatIllegalArgumentException().isThrownBy(() -> OnlineFeatures.Card.fromHash("c1", Map.of()))
			.withMessageContaining("'c1'")
			.withMessageContaining("date");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OnlineFeatures.Card.fromHash("c2", Map.of("date", "2026-01-01", "market_price", "x")))
			.withMessageContaining("'c2'");
	}

	@Test
	void keysShouldCarryPrefixVersionAndCard() {
		assertThat(OnlineFeatures.currentKey("p")).isEqualTo("p:current");
		assertThat(OnlineFeatures.metadataKey("p", "v1")).isEqualTo("p:v1:metadata");
		assertThat(OnlineFeatures.cardKey("p", "v1", "c")).isEqualTo("p:v1:card:c");
	}

}
