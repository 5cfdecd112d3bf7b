package dev.pokewatch.collector.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.pokewatch.collector.collect.CardOutcome.Outcome;
import dev.pokewatch.collector.collect.CardOutcome;
import dev.pokewatch.collector.collect.RunSummary;

/**
 * Prints the end of a {@code collect} run for a person: a few aligned, rounded figures on
 * stdout, the cards skipped and the days the source could not serve after them, and every
 * error on stderr naming its card or file. The one line per card goes to the log only.
 */
final class SummaryPrinter {

	private final PrintWriter out;

	private final PrintWriter err;

	SummaryPrinter(PrintWriter out, PrintWriter err) {
		this.out = out;
		this.err = err;
	}

	void print(RunSummary summary, Path outputDir, Path logFile) {
		printFigures(summary, outputDir);
		printSkippedCards(summary);
		printUnavailableDays(summary);
		this.out.println();
		this.out.println("Log: " + logFile);
		this.out.flush();
		printErrors(summary);
	}

	private void printFigures(RunSummary summary, Path outputDir) {
		this.out.println(
				"Collected from " + summary.source() + ((summary.window() != null) ? " for " + summary.window() : ""));
		this.out.println();
		figure("Cards collected", count(summary.count(Outcome.COLLECTED)), "");
		figure("Cards failed", count(summary.count(Outcome.FAILED)), "");
		figure("Cards skipped", count(summary.count(Outcome.SKIPPED)), "");
		figure("Files written", count(summary.filesWritten()), "  in " + outputDir);
		String[] time = rounded(summary.duration()).split(" ");
		figure("Time", time[0], " " + time[1]);
	}

	private void figure(String label, String value, String suffix) {
		this.out.printf(Locale.ROOT, "  %-16s %8s%s%n", label, value, suffix);
	}

	private static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private void printSkippedCards(RunSummary summary) {
		List<CardOutcome> skipped = cards(summary, Outcome.SKIPPED);
		if (!skipped.isEmpty()) {
			this.out.println();
			this.out.println("Skipped cards:");
			skipped.forEach((card) -> this.out.println("  " + describe(card)));
		}
	}

	private void printUnavailableDays(RunSummary summary) {
		if (!summary.unavailableDays().isEmpty()) {
			this.out.println();
			this.out.println("Days the source could not serve: " + summary.unavailableDays().size());
			summary.unavailableDayRanges().forEach((range) -> this.out.println("  " + range));
		}
	}

	private void printErrors(RunSummary summary) {
		cards(summary, Outcome.FAILED).forEach((card) -> this.err.println("error: " + describe(card)));
		summary.fileErrors().forEach((error) -> this.err.println("error: " + error));
		if (summary.fatalError() != null) {
			this.err.println("error: run stopped: " + summary.fatalError());
		}
		else if (summary.exitCode() != 0) {
			this.err.println("error: nothing was collected");
		}
		this.err.flush();
	}

	private static List<CardOutcome> cards(RunSummary summary, Outcome outcome) {
		return summary.cards().stream().filter((card) -> card.outcome() == outcome).toList();
	}

	private static String describe(CardOutcome card) {
		return "card " + card.cardId() + " (" + card.setName() + "): " + card.detail();
	}

	/**
	 * A duration as a person reads it: {@code "7.5 s"}, {@code "41 s"},
	 * {@code "3.2 min"}.
	 * @param duration the duration
	 * @return the rounded text
	 */
	static String rounded(Duration duration) {
		double seconds = duration.toMillis() / 1000.0;
		if (seconds < 10) {
			return String.format(Locale.ROOT, "%.1f s", seconds);
		}
		if (seconds < 120) {
			return Math.round(seconds) + " s";
		}
		return String.format(Locale.ROOT, "%.1f min", seconds / 60);
	}

}
