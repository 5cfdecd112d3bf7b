package dev.pokewatch.collector.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.pokewatch.collector.collect.CardOutcome;
import dev.pokewatch.collector.collect.CardOutcome.Outcome;
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
		figure("Cards collected", summary.count(Outcome.COLLECTED), "");
		figure("Cards failed", summary.count(Outcome.FAILED), "");
		figure("Cards skipped", summary.count(Outcome.SKIPPED), "");
		figure("Files written", summary.filesWritten(), "in " + outputDir);
		this.out.printf(Locale.ROOT, "  %-16s %8s%n", "Time", rounded(summary.duration()));
	}

	private void figure(String label, long value, String note) {
		this.out.printf(Locale.ROOT, "  %-16s %,8d%s%n", label, value, note.isEmpty() ? "" : "  " + note);
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

	static String rounded(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 10_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = Math.round(millis / 1000.0);
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
	}

}
