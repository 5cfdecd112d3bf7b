package dev.pokewatch.common.fair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link FairPriceRule}.
 */
class FairPriceRuleTests {

	private static final double NaN = Double.NaN;

	@Test
	void fairPricesWhenGivenSharedBasePricesShouldEqualComputingThemAlone() {
		java.util.Random random = new java.util.Random(3);
		double[] usable = new double[400];
		for (int i = 0; i < usable.length; i++) {
			usable[i] = (random.nextInt(6) == 0) ? NaN : 1 + random.nextInt(5000) / 100.0;
		}
		for (FairPriceType type : FairPriceType.values()) {
			for (int window : new int[] { 1, 3, 7, 30 }) {
				double[] base = new FairPriceRule(type, window).basePrices(usable);
				double[] copy = base.clone();
				for (Trend trend : Trend.values()) {
					FairPriceRule rule = new FairPriceRule(type, window, trend);
					assertThat(rule.fairPrices(usable, base)).as(rule.id()).isEqualTo(rule.fairPrices(usable));
				}
				assertThat(base).as("base prices unchanged").isEqualTo(copy);
			}
		}
	}

	@Test
	void smaWhenDayMissingShouldAverageCalendarWindowOfPreviousDaysOnly() {
		double[] fair = new FairPriceRule(FairPriceType.SMA, 3).fairPrices(new double[] { 10, NaN, 20, 30, 40 });
		assertThat(fair[0]).isNaN();
		assertThat(fair[1]).isEqualTo(10.0);
		assertThat(fair[2]).isEqualTo(10.0);
		assertThat(fair[3]).isEqualTo(15.0);
		// days 1..3: the missing day shortens the window, it does not reach back to day 0
		assertThat(fair[4]).isEqualTo(25.0);
	}

	@Test
	void smaWhenWindowLeavesAllPricesShouldBeNaN() {
		double[] fair = new FairPriceRule(FairPriceType.SMA, 2).fairPrices(new double[] { 10, NaN, NaN, 40 });
		assertThat(fair[2]).isEqualTo(10.0);
		assertThat(fair[3]).isNaN();
	}

	@Test
	void medianWhenLongSeriesWithGapsAndTiesShouldMatchSortingEachWindow() {
		java.util.Random random = new java.util.Random(7);
		double[] usable = new double[500];
		for (int i = 0; i < usable.length; i++) {
			int kind = random.nextInt(8);
			usable[i] = (kind == 0) ? NaN : (kind == 1) ? 42.0 : 10 + random.nextInt(1000) / 10.0;
		}
		for (int window : new int[] { 1, 2, 3, 7, 30 }) {
			double[] fair = new FairPriceRule(FairPriceType.MEDIAN, window).fairPrices(usable);
			for (int i = 0; i < usable.length; i++) {
				double[] values = java.util.Arrays.stream(usable, Math.max(0, i - window), i)
					.filter((p) -> !Double.isNaN(p))
					.sorted()
					.toArray();
				int mid = values.length / 2;
				double expected = (values.length == 0) ? NaN
						: (values.length % 2 == 1) ? values[mid] : (values[mid - 1] + values[mid]) / 2;
				assertThat(Double.valueOf(fair[i])).as("window %d day %d", window, i)
					.isEqualTo(Double.valueOf(expected));
			}
		}
	}

	@Test
	void medianWhenOddAndEvenCountsShouldTakeMiddle() {
		double[] fair = new FairPriceRule(FairPriceType.MEDIAN, 3).fairPrices(new double[] { 10, 30, 20, 100, 1 });
		assertThat(fair[2]).isEqualTo(20.0);
		assertThat(fair[3]).isEqualTo(20.0);
		assertThat(fair[4]).isEqualTo(30.0);
	}

	@Test
	void ewmaWhenDayMissingShouldDecayByCalendarAge() {
		// span 3: alpha 0.5, weight of a price d days back = 0.5^(d-1)
		double[] fair = new FairPriceRule(FairPriceType.EWMA, 3).fairPrices(new double[] { 10, 20, NaN, 40 });
		assertThat(fair[2]).isCloseTo((20 * 1 + 10 * 0.5) / 1.5, within(1e-12));
		assertThat(fair[3]).isCloseTo((20 * 0.5 + 10 * 0.25) / 0.75, within(1e-12));
	}

	@Test
	void ewmaWhenOlderThanThreeWindowsShouldIgnorePrice() {
		double[] prices = new double[8];
		java.util.Arrays.fill(prices, NaN);
		prices[0] = 10;
		prices[7] = 99;
		double[] fair = new FairPriceRule(FairPriceType.EWMA, 2).fairPrices(prices);
		assertThat(fair[6]).isEqualTo(10.0);
		assertThat(fair[7]).isNaN();
	}

	@Test
	void lastWhenGapLongerThanWindowShouldBeNaN() {
		double[] prices = { 10, NaN, 20 };
		assertThat(new FairPriceRule(FairPriceType.LAST, 1).fairPrices(prices)[2]).isNaN();
		assertThat(new FairPriceRule(FairPriceType.LAST, 2).fairPrices(prices)[2]).isEqualTo(10.0);
	}

	@Test
	void fairPricesWhenSinglePointShouldHaveNoFairPrice() {
		for (FairPriceType type : FairPriceType.values()) {
			assertThat(new FairPriceRule(type, 7).fairPrices(new double[] { 42 })[0]).isNaN();
		}
	}

	@Test
	void fairPricesShouldNeverUseTheDaysOwnPrice() {
		double[] prices = { 10, 10, 10, 1000 };
		for (FairPriceType type : FairPriceType.values()) {
			assertThat(new FairPriceRule(type, 3).fairPrices(prices)[3]).as(type.id()).isEqualTo(10.0);
		}
	}

	@Test
	void constructorWhenWindowNotPositiveShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FairPriceRule(FairPriceType.SMA, 0))
			.withMessageContaining("windowDays");
	}

	@Test
	void parseWhenUnknownShouldNameValue() {
		assertThat(FairPriceType.parse(" EWMA ")).isEqualTo(FairPriceType.EWMA);
		assertThatIllegalArgumentException().isThrownBy(() -> FairPriceType.parse("arima"))
			.withMessageContaining("'arima'");
		assertThat(new FairPriceRule(FairPriceType.MEDIAN, 14).id()).isEqualTo("median_14");
	}

	@Test
	void fairPricesWhenMomentumShouldExtendTheMoveAwayFromTheStatistic() {
		double[] prices = { 10, 10, 11, NaN };
		FairPriceRule momentum = new FairPriceRule(FairPriceType.SMA, 2, Trend.MOMENTUM);
		double[] fair = momentum.fairPrices(prices);
		// day 2: 11 against a mean of 10 is +10 %, so the fair price is 11 * 11 / 10
		assertThat(fair[2]).isCloseTo(12.1, within(1e-12));
		// day 3 has no price of its own: the statistic (10.5) stands
		assertThat(fair[3]).isEqualTo(10.5);
		assertThat(fair[0]).isNaN();
		assertThat(momentum.id()).isEqualTo("sma_2_momentum");
		assertThat(momentum.basePrices(prices)[2]).isEqualTo(10.0);
	}

}
