package dev.pokewatch.common.naming;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.signal.SignalUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EnumIds}.
 */
class EnumIdsTests {

	@Test
	void idAndParseShouldRoundTripIgnoringCase() {
		assertThat(Trend.MOMENTUM.id()).isEqualTo("momentum");
		assertThat(Trend.parse(" Momentum ")).isEqualTo(Trend.MOMENTUM);
		assertThat(SignalUnit.parse("DISPERSION")).isEqualTo(SignalUnit.DISPERSION);
		assertThat(FairPriceType.parse("ewma")).isEqualTo(FairPriceType.EWMA);
	}

	@Test
	void parseWhenUnknownShouldNameTheValueAndTheAcceptedIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> Trend.parse("sideways"))
			.withMessage("unknown trend 'sideways' (use reversion, momentum)");
		assertThatIllegalArgumentException().isThrownBy(() -> FairPriceType.parse("arima"))
			.withMessage("unknown fair-price model type 'arima' (use sma, ewma, median, last)");
	}

}
