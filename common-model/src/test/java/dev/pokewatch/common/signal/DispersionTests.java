package dev.pokewatch.common.signal;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Dispersion}.
 */
class DispersionTests {

	private static final double NaN = Double.NaN;

	@Test
	void ofShouldUseOnlyEarlierReturnsScaledToTheWindow() {
		// returns ln(11/10), ln(10/11), ln(11/10), ln(10/11), ln(11/10): the 6th day sees
		// five
		double[] prices = { 10, 11, 10, 11, 10, 11, 500 };
		double[] dispersion = new Dispersion(5, 7, 0.001).of(prices);

		double r = Math.log(1.1);
		double mean = r / 5;
		double sampleSd = Math.sqrt((3 * (r - mean) * (r - mean) + 2 * (-r - mean) * (-r - mean)) / 4);
		assertThat(dispersion[5]).isNaN();
		assertThat(dispersion[6]).isCloseTo(sampleSd * Math.sqrt(8.0 * 15 / 42), within(1e-12));
	}

	@Test
	void ofWhenDaysMissingShouldCountOnlyConsecutiveDays() {
		double[] prices = { 10, 11, NaN, 11, 10, 11, 10, 11, 10, 10 };
		double[] dispersion = new Dispersion(8, 1, 0.001).of(prices);
		// day 8 sees returns of days 1, 4..7 (days 2 and 3 touch the gap): exactly five
		assertThat(dispersion[7]).isNaN();
		assertThat(dispersion[8]).isFinite();
	}

	@Test
	void ofWhenPricesStandStillShouldGiveTheFloor() {
		double[] flat = new double[30];
		java.util.Arrays.fill(flat, 42.0);
		assertThat(new Dispersion(21, 7, 0.01).of(flat)[29]).isEqualTo(0.01);
	}

	@Test
	void strengthOfARandomWalkAgainstItsTrailingMeanShouldHaveUnitSpread() {
		// the scale makes ln(market / 7-day mean) / dispersion a standard score for a
		// random walk: its spread over many days is close to 1
		Random random = new Random(7);
		int n = 20_000;
		double[] prices = new double[n];
		prices[0] = 100;
		for (int i = 1; i < n; i++) {
			prices[i] = prices[i - 1] * Math.exp(0.02 * random.nextGaussian());
		}
		double[] dispersion = new Dispersion(60, 7, 0.0001).of(prices);
		double sum = 0;
		double squares = 0;
		int count = 0;
		for (int i = 61; i < n; i++) {
			double mean = 0;
			for (int j = 1; j <= 7; j++) {
				mean += Math.log(prices[i - j]);
			}
			double z = (Math.log(prices[i]) - mean / 7) / dispersion[i];
			sum += z;
			squares += z * z;
			count++;
		}
		double sd = Math.sqrt(squares / count - (sum / count) * (sum / count));
		assertThat(sd).isCloseTo(1.0, within(0.05));
	}

	@Test
	void constructorShouldRejectTooFewDaysAndBadFloors() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Dispersion(4, 7, 0.01))
			.withMessageContaining("'returnDays'");
		assertThatIllegalArgumentException().isThrownBy(() -> new Dispersion(21, 0, 0.01));
		assertThatIllegalArgumentException().isThrownBy(() -> new Dispersion(21, 7, 0));
	}

}
