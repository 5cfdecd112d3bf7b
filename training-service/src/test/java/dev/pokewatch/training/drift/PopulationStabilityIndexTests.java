package dev.pokewatch.training.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PopulationStabilityIndex}, against values computed by hand.
 */
class PopulationStabilityIndexTests {

	private static final double[] ONE_TO_TEN = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	@Test
	void ofWhenSamplesAreIdenticalShouldBeZero() {
		PopulationStabilityIndex.Result result = PopulationStabilityIndex.of(ONE_TO_TEN, ONE_TO_TEN.clone(), 4);
		assertThat(result.psi()).isZero();
		assertThat(result.bins()).isEqualTo(4);
	}

	@Test
	void ofWhenCurrentHasValuesBeyondTheReferenceShouldCountThemInTheEndBins() {
		// two bins cut at the median 5.5: the reference is 0.5 / 0.5; the current values
		// 1, 2, 3 fall left and 100 (far beyond the reference's maximum 10) right
		PopulationStabilityIndex.Result result = PopulationStabilityIndex.of(ONE_TO_TEN, new double[] { 1, 2, 3, 100 },
				2);
		double expected = (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5);
		assertThat(result.psi()).isCloseTo(expected, within(1e-12));
		assertThat(expected).isCloseTo(0.274653, within(1e-6));
		assertThat(result.currentPoints()).isEqualTo(4);
		assertThat(result.referencePoints()).isEqualTo(10);
	}

	@Test
	void ofWhenEveryCurrentValueIsBelowTheReferenceShouldCountThemInTheFirstBin() {
		// -50 and 0 lie below the reference's minimum 1: the first bin is open-ended
		PopulationStabilityIndex.Result result = PopulationStabilityIndex.of(ONE_TO_TEN, new double[] { -50, 0, 1 }, 2);
		// the empty right bin counts with the share EPSILON instead of 0
		double eps = PopulationStabilityIndex.EPSILON;
		double expected = (1.0 - 0.5) * Math.log(1.0 / 0.5) + (eps - 0.5) * Math.log(eps / 0.5);
		assertThat(result.psi()).isCloseTo(expected, within(1e-12));
		assertThat(expected).isCloseTo(4.604319, within(1e-6));
	}

	@Test
	void ofWhenAValueEqualsAnEdgeShouldCountItInTheLowerBin() {
		// bins (-inf, 5.5] and (5.5, inf): 5.5 belongs to the first
		PopulationStabilityIndex.Result result = PopulationStabilityIndex.of(ONE_TO_TEN, new double[] { 5.5, 6 }, 2);
		assertThat(result.psi()).isZero();
	}

	@Test
	void edgesWhenQuantilesTieShouldMergeTheirBins() {
		// quantiles at 0.2, 0.4, 0.6, 0.8 are 0, 0, 0.4, 2.2: three distinct edges
		double[] reference = { 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 };
		assertThat(PopulationStabilityIndex.edges(reference, 5)).containsExactly(new double[] { 0, 0.4, 2.2 },
				within(1e-9));
		assertThat(PopulationStabilityIndex.of(reference, reference, 5).bins()).isEqualTo(4);
	}

	@Test
	void ofWhenCurrentIsShiftedShouldGrowWithTheShift() {
		double[] reference = new double[1000];
		for (int i = 0; i < reference.length; i++) {
			reference[i] = i / 1000.0;
		}
		double[] slightly = reference.clone();
		double[] much = reference.clone();
		for (int i = 0; i < reference.length; i++) {
			slightly[i] += 0.05;
			much[i] += 0.5;
		}
		double small = PopulationStabilityIndex.of(reference, slightly, 10).psi();
		double large = PopulationStabilityIndex.of(reference, much, 10).psi();
		assertThat(small).isPositive().isLessThan(0.1);
		assertThat(large).isGreaterThan(0.25).isGreaterThan(small);
	}

}
