package dev.pokewatch.common.feature;

import java.util.Arrays;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OutlierRule}.
 */
class OutlierRuleTests {

	private static final OutlierRule RULE = new OutlierRule(60, 3, 5.0, 3.0);

	@Test
	void applyWhenZeroOrNegativeShouldFlagNonPositiveAndLeaveMissingAlone() {
		OutlierRule.Result result = RULE.apply(days(4), new double[] { 0.0, -5, Double.NaN, 10 });
		assertThat(result.reasons()).containsExactly(OutlierRule.NON_POSITIVE, OutlierRule.NON_POSITIVE, null, null);
	}

	@Test
	void applyWhenBeyondJumpFactorShouldFlagAndWithinShouldNot() {
		OutlierRule.Result within = RULE.apply(days(4), new double[] { 100, 100, 100, 299 });
		OutlierRule.Result beyond = RULE.apply(days(4), new double[] { 100, 100, 100, 301 });
		OutlierRule.Result low = RULE.apply(days(4), new double[] { 100, 100, 100, 33 });
		assertThat(within.flagged(3)).isFalse();
		assertThat(beyond.reasons()[3]).isEqualTo(OutlierRule.FAR_FROM_LEVEL);
		assertThat(beyond.levels()[3]).isEqualTo(100.0);
		assertThat(low.flagged(3)).isTrue();
	}

	@Test
	void applyWhenCardIsVolatileShouldWidenLimitByMad() {
		// log deviations from the level 100: ln 2, 0, ln 2 -> MAD ln 2, limit 5 * 1.4826
		// * ln 2
		OutlierRule.Result result = RULE.apply(days(4), new double[] { 50, 100, 200, 350 });
		assertThat(result.flagged(3)).isFalse();
	}

	@Test
	void applyWhenFewerThanMinPointsShouldNotJudge() {
		OutlierRule.Result result = RULE.apply(days(3), new double[] { 100, 1, 100 });
		assertThat(result.reasons()).containsOnlyNulls();
		assertThat(result.levels()[2]).isNaN();
	}

	@Test
	void applyWhenWrongLevelLastsWeeksShouldFlagTheWholeRun() {
		double[] prices = new double[60];
		Arrays.fill(prices, 0, 30, 290);
		Arrays.fill(prices, 30, 51, 2.0);
		Arrays.fill(prices, 51, 60, 292);
		OutlierRule.Result result = RULE.apply(days(60), prices);
		for (int i = 0; i < 60; i++) {
			assertThat(result.flagged(i)).as("day %d", i).isEqualTo(i >= 30 && i < 51);
		}
		// a short rolling median of all prices adopts the wrong level after a few days
		OutlierRule.Result shortMedian = new OutlierRule(5, 3, 5.0, 3.0).apply(days(60), prices);
		assertThat(shortMedian.flagged(40)).isFalse();
	}

	@Test
	void applyWhenNewLevelLastsLongerThanWindowShouldAcceptIt() {
		OutlierRule rule = new OutlierRule(10, 3, 5.0, 3.0);
		double[] prices = new double[30];
		Arrays.fill(prices, 0, 5, 10);
		Arrays.fill(prices, 5, 30, 50);
		OutlierRule.Result result = rule.apply(days(30), prices);
		assertThat(result.flagged(5)).isTrue();
		assertThat(result.flagged(12)).isTrue();
		// day 13: fewer than 3 accepted prices in days 3..12, the window's own prices set
		// the level
		assertThat(result.flagged(13)).isFalse();
		assertThat(result.flagged(29)).isFalse();
	}

	@Test
	void applyWhenDaysMissingShouldUseCalendarWindow() {
		OutlierRule rule = new OutlierRule(5, 3, 5.0, 3.0);
		long[] days = { 0, 1, 2, 100 };
		OutlierRule.Result result = rule.apply(days, new double[] { 100, 100, 100, 1 });
		assertThat(result.flagged(3)).isFalse();
	}

	@Test
	void constructorWhenJumpFactorNotAboveOneShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierRule(10, 3, 5, 1.0))
			.withMessageContaining("minJumpFactor");
	}

	@Test
	void applyWhenNoisySeriesWithGapsAndJumpsShouldMatchSortingEveryWindow() {
		java.util.Random random = new java.util.Random(42);
		for (int run = 0; run < 20; run++) {
			int n = 400;
			long[] days = new long[n];
			double[] prices = new double[n];
			long day = 20_000;
			double level = 5 + random.nextDouble() * 300;
			for (int i = 0; i < n; i++) {
				day += (random.nextInt(10) == 0) ? 1 + random.nextInt(5) : 1;
				days[i] = day;
				level *= Math.exp(random.nextGaussian() * 0.05);
				int kind = random.nextInt(50);
				// ties, zeros, missing prices, single spikes and runs at a wrong level
				prices[i] = switch (kind) {
					case 0 -> 0.0;
					case 1 -> Double.NaN;
					case 2 -> level * 8;
					case 3 -> Math.round(level);
					default -> (i % 97 < 15 && run % 2 == 0) ? level / 50 : level;
				};
			}
			OutlierRule rule = new OutlierRule(5 + run * 3, 1 + run % 4, 2 + run % 5, 1.5 + run % 3);
			OutlierRule.Result fast = rule.apply(days, prices);
			OutlierRule.Result reference = sortEveryWindow(rule, days, prices);
			assertThat(fast.reasons()).as("run %d", run).containsExactly(reference.reasons());
			assertThat(fast.levels()).as("run %d", run).containsExactly(reference.levels());
		}
	}

	/** The rule as documented, sorting each day's window from scratch. */
	private static OutlierRule.Result sortEveryWindow(OutlierRule rule, long[] days, double[] prices) {
		int n = days.length;
		String[] reasons = new String[n];
		double[] levels = new double[n];
		boolean[] accepted = new boolean[n];
		for (int i = 0; i < n; i++) {
			levels[i] = Double.NaN;
			double price = prices[i];
			if (Double.isNaN(price)) {
				continue;
			}
			if (!(price > 0) || Double.isInfinite(price)) {
				reasons[i] = OutlierRule.NON_POSITIVE;
				continue;
			}
			double[] reference = window(days, prices, accepted, i, rule.windowDays(), true);
			if (reference.length < rule.minPoints()) {
				reference = window(days, prices, accepted, i, rule.windowDays(), false);
			}
			if (reference.length < rule.minPoints()) {
				accepted[i] = true;
				continue;
			}
			double level = median(reference);
			levels[i] = level;
			double[] deviations = Arrays.stream(reference).map((p) -> Math.abs(Math.log(p / level))).toArray();
			double limit = Math.max(rule.madK() * 1.4826 * median(deviations), Math.log(rule.minJumpFactor()));
			if (Math.abs(Math.log(price / level)) > limit) {
				reasons[i] = OutlierRule.FAR_FROM_LEVEL;
			}
			else {
				accepted[i] = true;
			}
		}
		return new OutlierRule.Result(reasons, levels);
	}

	private static double[] window(long[] days, double[] prices, boolean[] accepted, int i, int windowDays,
			boolean acceptedOnly) {
		return java.util.stream.IntStream.range(0, i)
			.filter((j) -> days[j] >= days[i] - windowDays && prices[j] > 0 && !Double.isInfinite(prices[j])
					&& (!acceptedOnly || accepted[j]))
			.mapToDouble((j) -> prices[j])
			.toArray();
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	private static long[] days(int n) {
		return LongStream.range(20_000, 20_000 + n).toArray();
	}

}
