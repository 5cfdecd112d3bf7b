package dev.pokewatch.collector.collect;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pokewatch.collector.collect.CardOutcome.Outcome;

/**
 * The result of a collection run, printed at its end.
 *
 * @param source the source used
 * @param window the days asked for, or {@code null} if the run stopped before
 * @param cards one outcome per card
 * @param unavailableDays days the source could not serve, with the reason
 * @param fileErrors raw files that could not be written, each naming the file
 * @param fatalError why the run stopped early, or {@code null}
 * @param filesWritten raw files written
 * @param duration run time
 */
public record RunSummary(String source, String window, List<CardOutcome> cards, Map<LocalDate, String> unavailableDays,
		List<String> fileErrors, String fatalError, int filesWritten, Duration duration) {

	public RunSummary {
		cards = List.copyOf(cards);
		unavailableDays = new TreeMap<>(unavailableDays);
		fileErrors = List.copyOf(fileErrors);
	}

	/**
	 * How many cards had an outcome.
	 * @param outcome the outcome
	 * @return the count
	 */
	public long count(Outcome outcome) {
		return this.cards.stream().filter((card) -> card.outcome() == outcome).count();
	}

	/**
	 * The exit code of {@code collect}: 0 when something was collected, 1 when nothing
	 * was or the provider refused access.
	 * @return 0 or 1
	 */
	public int exitCode() {
		return (this.fatalError == null && count(Outcome.COLLECTED) > 0) ? 0 : 1;
	}

	/**
	 * The full report, one line per card, for the log (the command line prints a shorter
	 * summary).
	 * @return several lines of text
	 */
	public String render() {
		StringBuilder out = new StringBuilder();
		out.append("Collection summary (source ").append(this.source);
		if (this.window != null) {
			out.append(", days ").append(this.window);
		}
		out.append(")\n");
		int idWidth = this.cards.stream().mapToInt((card) -> card.cardId().length()).max().orElse(7);
		for (CardOutcome card : this.cards) {
			out.append(String.format("  %-" + idWidth + "s  %-9s  %s%n", card.cardId(), card.outcome().tag(),
					card.detail()));
		}
		if (!this.unavailableDays.isEmpty()) {
			out.append("Days skipped: ").append(this.unavailableDays.size()).append('\n');
			unavailableDayRanges().forEach((range) -> out.append("  ").append(range).append('\n'));
		}
		this.fileErrors.forEach((error) -> out.append("File error: ").append(error).append('\n'));
		if (this.fatalError != null) {
			out.append("Run stopped: ").append(this.fatalError).append('\n');
		}
		out.append(String.format("Cards: %d collected, %d failed, %d skipped; %d files written in %.1f s%n",
				count(Outcome.COLLECTED), count(Outcome.FAILED), count(Outcome.SKIPPED), this.filesWritten,
				this.duration.toMillis() / 1000.0));
		if (exitCode() != 0 && this.fatalError == null) {
			out.append("Nothing was collected.\n");
		}
		return out.toString();
	}

	/**
	 * The days the source could not serve, consecutive days with the same reason in one
	 * line rather than hundreds.
	 * @return lines such as {@code "2026-11-01..2026-11-03: not in the bundled sample"}
	 */
	public List<String> unavailableDayRanges() {
		List<String> ranges = new ArrayList<>();
		LocalDate runStart = null;
		LocalDate previous = null;
		String reason = null;
		for (Map.Entry<LocalDate, String> day : this.unavailableDays.entrySet()) {
			if (previous != null && (!day.getKey().equals(previous.plusDays(1)) || !day.getValue().equals(reason))) {
				ranges.add(range(runStart, previous, reason));
				runStart = null;
			}
			if (runStart == null) {
				runStart = day.getKey();
			}
			previous = day.getKey();
			reason = day.getValue();
		}
		if (previous != null) {
			ranges.add(range(runStart, previous, reason));
		}
		return ranges;
	}

	private static String range(LocalDate from, LocalDate to, String reason) {
		return (from.equals(to) ? from.toString() : from + ".." + to) + ": " + reason;
	}

}
