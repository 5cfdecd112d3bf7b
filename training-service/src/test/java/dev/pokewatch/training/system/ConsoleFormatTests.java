package dev.pokewatch.training.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConsoleFormat}.
 */
class ConsoleFormatTests {

	@Test
	void numberWhenWholeOrLongFractionShouldRoundWithoutTrailingZeros() {
		assertThat(ConsoleFormat.number(560.0)).isEqualTo("560");
		assertThat(ConsoleFormat.number(3.14159265)).isEqualTo("3.142");
		assertThat(ConsoleFormat.number(0.80)).isEqualTo("0.8");
		assertThat(ConsoleFormat.number(0.0)).isEqualTo("0");
		assertThat(ConsoleFormat.number(0.0001)).isEqualTo("0.0001");
		assertThat(ConsoleFormat.number(-2.5)).isEqualTo("-2.5");
		assertThat(ConsoleFormat.number(Double.NaN)).isEqualTo("n/a");
		assertThat(ConsoleFormat.number(null)).isEqualTo("n/a");
	}

	@Test
	void tableWhenCellsHaveDifferentWidthsShouldAlignColumns() {
		assertThat(ConsoleFormat.table("  ", List.of(List.of("mape", "3.1"), List.of("coverage_rate", "0.93"))))
			.containsExactly("  mape           3.1", "  coverage_rate  0.93");
	}

}
