package dev.pokewatch.common.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ConfidenceInterval}.
 */
class ConfidenceIntervalTests {

	@Test
	void wilson95WhenSevenOfTenShouldMatchHandComputedBounds() {
		// p = 0.7, z² = 3.8415: center 0.64449, half-width 0.24772
		ConfidenceInterval interval = ConfidenceInterval.wilson95(7, 10).orElseThrow();
		assertThat(interval.low()).isCloseTo(0.3968, within(1e-4));
		assertThat(interval.high()).isCloseTo(0.8922, within(1e-4));
	}

	@Test
	void wilson95WhenNoSuccessShouldStartAtZeroAndStayWide() {
		// 0 of 10: [0, z² / (n + z²)] = [0, 3.8415 / 13.8415]
		ConfidenceInterval interval = ConfidenceInterval.wilson95(0, 10).orElseThrow();
		assertThat(interval.low()).isZero();
		assertThat(interval.high()).isCloseTo(0.2775, within(1e-4));
	}

	@Test
	void wilson95WhenAllSucceedShouldEndAtOne() {
		ConfidenceInterval interval = ConfidenceInterval.wilson95(10, 10).orElseThrow();
		assertThat(interval.low()).isCloseTo(0.7225, within(1e-4));
		assertThat(interval.high()).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void wilson95WhenNoTrialsShouldBeEmpty() {
		assertThat(ConfidenceInterval.wilson95(0, 0)).isEmpty();
	}

	@Test
	void wilson95WhenMoreSuccessesThanTrialsShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConfidenceInterval.wilson95(3, 2));
	}

	@Test
	void shiftAndScaleShouldMoveThenScaleBothBounds() {
		ConfidenceInterval interval = new ConfidenceInterval(0.25, 0.5).shiftAndScale(-0.5, 100);
		assertThat(interval.low()).isEqualTo(-25.0);
		assertThat(interval.high()).isEqualTo(0.0);
		assertThat(interval.entirelyBelowZero()).isFalse();
		assertThat(new ConfidenceInterval(-2, -1).entirelyBelowZero()).isTrue();
	}

}
