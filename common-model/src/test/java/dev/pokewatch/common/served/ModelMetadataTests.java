package dev.pokewatch.common.served;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.signal.SignalRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelMetadata}.
 */
class ModelMetadataTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void thresholdsWhenWrittenBeforeTheMinimumPriceShouldReadTheDefault() {
		ModelMetadata.Thresholds thresholds = JSON
			.readValue("{\"buy_threshold_pct\": 0.1, \"sell_threshold_pct\": 0.15}", ModelMetadata.Thresholds.class);
		assertThat(thresholds.minSignalPrice()).isEqualTo(SignalRule.DEFAULT_MIN_SIGNAL_PRICE);
		assertThat(thresholds.toRule()).isEqualTo(SignalRule.DEFAULT);
	}

	@Test
	void thresholdsShouldRoundTripTheMinimumPriceAndTheRule() {
		SignalRule rule = new SignalRule(0.2, 0.3, 5.0);
		String json = JSON.writeValueAsString(ModelMetadata.Thresholds.of(rule));
		assertThat(json).contains("\"min_signal_price\":5.0");
		assertThat(JSON.readValue(json, ModelMetadata.Thresholds.class).toRule()).isEqualTo(rule);
	}

}
