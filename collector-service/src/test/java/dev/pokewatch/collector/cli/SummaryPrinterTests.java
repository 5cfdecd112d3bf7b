package dev.pokewatch.collector.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.collect.CardOutcome;
import dev.pokewatch.collector.collect.CardOutcome.Outcome;
import dev.pokewatch.collector.collect.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SummaryPrinter}.
 */
class SummaryPrinterTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void printWhenRunHadProblemsShouldAlignFiguresAndSendErrorsToStderr() {
		RunSummary summary = new RunSummary("sample", "2026-08-20..2026-08-22 (3 days)",
				List.of(new CardOutcome("a_card", "Set A", Outcome.COLLECTED, 3, "3 days"),
						new CardOutcome("b_card", "Set B", Outcome.FAILED, 0, "HTTP 500"),
						new CardOutcome("c_card", "Set B", Outcome.SKIPPED, 0, "no price")),
				Map.of(LocalDate.of(2026, 8, 20), "not served", LocalDate.of(2026, 8, 21), "not served"),
				List.of("data/raw/set_b_prices_2026-08-22.parquet: disk full"), null, 1234, Duration.ofMillis(41_400));
		new SummaryPrinter(new PrintWriter(this.out), new PrintWriter(this.err)).print(summary, Path.of("data/raw"),
				Path.of("logs/collector.log"));
		assertThat(this.out.toString()).isEqualTo("""
				Collected from sample for 2026-08-20..2026-08-22 (3 days)

				  Cards collected         1
				  Cards failed            1
				  Cards skipped           1
				  Files written       1,234  in data/raw
				  Time                   41 s

				Skipped cards:
				  card c_card (Set B): no price

				Days the source could not serve: 2
				  2026-08-20..2026-08-21: not served

				Log: logs/collector.log
				""");
		assertThat(this.err.toString()).isEqualTo("""
				error: card b_card (Set B): HTTP 500
				error: data/raw/set_b_prices_2026-08-22.parquet: disk full
				""");
	}

	@Test
	void roundedShouldKeepOneDecimalOnlyForShortRuns() {
		assertThat(SummaryPrinter.rounded(Duration.ofMillis(7_460))).isEqualTo("7.5 s");
		assertThat(SummaryPrinter.rounded(Duration.ofMillis(41_400))).isEqualTo("41 s");
		assertThat(SummaryPrinter.rounded(Duration.ofSeconds(192))).isEqualTo("3.2 min");
	}

}
