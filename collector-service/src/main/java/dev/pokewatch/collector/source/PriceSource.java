package dev.pokewatch.collector.source;

import java.nio.file.Path;
import java.time.LocalDate;

import dev.pokewatch.common.card.CardsConfig;
import dev.pokewatch.common.card.CardsConfigException;
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
	 * Checks, before anything is fetched, that cards.yaml gives what this source needs
	 * (an id of its own for each set, for instance). Sources that need nothing more than
	 * what the reader already checks keep this default, which accepts everything.
	 * @param config the tracked cards
	 * @param file where they were read from, for the message
	 * @throws CardsConfigException naming the file and field when something is missing
	 */
	default void checkConfig(CardsConfig config, Path file) {
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
