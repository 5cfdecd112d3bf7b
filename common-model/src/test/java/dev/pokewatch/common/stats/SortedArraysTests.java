package dev.pokewatch.common.stats;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SortedArrays}.
 */
class SortedArraysTests {

	@Test
	void insertAndRemoveWhenSlidingShouldMatchSortingTheWindow() {
		Random random = new Random(7);
		double[] series = new double[500];
		for (int i = 0; i < series.length; i++) {
			// few distinct values, so ties are common
			series[i] = random.nextInt(20);
		}
		int window = 9;
		double[] sorted = new double[window + 1];
		int count = 0;
		for (int i = 0; i < series.length; i++) {
			count = SortedArrays.insert(sorted, count, series[i]);
			if (i >= window) {
				count = SortedArrays.remove(sorted, count, series[i - window]);
			}
			double[] expected = Arrays.copyOfRange(series, Math.max(0, i - window + 1), i + 1);
			Arrays.sort(expected);
			assertThat(Arrays.copyOf(sorted, count)).containsExactly(expected);
		}
	}

}
