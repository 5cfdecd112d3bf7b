package dev.pokewatch.collector.source;

import java.time.LocalDate;

import dev.pokewatch.common.card.TrackedSet;

/**
 * A provider of daily card prices.
 */
public interface PriceSource {

	/**
	 * The name written to the {@code source} column.
	 * @return the source name
	 */
	String name();

	/**
	 * The days to collect when the user gave {@code --date} and/or {@code --days}. HTTP
	 * sources default to today (UTC) and one day.
	 * @param date the requested last day, or {@code null}
	 * @param days the requested number of days, or {@code null}
	 * @param today today (UTC)
	 * @return the window
	 */
	default DayWindow window(LocalDate date, Integer days, LocalDate today) {
		return new DayWindow((date != null) ? date : today, (days != null) ? days : 1);
	}

	/**
	 * Fetches the prices of a set's active cards (or of every card, for whole-set
	 * tracking) over a window.
	 * @param set the set
	 * @param window the days wanted; a source may return more days, they are filtered
	 * @return one result per card
	 * @throws SourceAccessDeniedException when the provider refuses the credentials: the
	 * run must stop
	 */
	SetBatch fetch(TrackedSet set, DayWindow window);

}
