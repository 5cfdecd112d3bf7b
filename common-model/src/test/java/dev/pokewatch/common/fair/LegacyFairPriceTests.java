package dev.pokewatch.common.fair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LegacyFairPrice}.
 */
class LegacyFairPriceTests {

	@Test
	void inSampleShouldAverageLastThreeRowsIncludingToday() {
		double[] fair = LegacyFairPrice.inSample(new double[] { 10, 20, Double.NaN, 30, 60 });
		assertThat(fair[0]).isEqualTo(10.0);
		assertThat(fair[1]).isEqualTo(15.0);
		assertThat(fair[2]).isNaN();
		// rows, not days: the missing day does not count
		assertThat(fair[3]).isEqualTo(20.0);
		assertThat(fair[4]).isCloseTo((20 + 30 + 60) / 3.0, within(1e-12));
	}

}
