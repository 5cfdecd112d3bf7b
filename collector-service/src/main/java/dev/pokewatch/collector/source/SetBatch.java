package dev.pokewatch.collector.source;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a source returned for one tracked set.
 *
 * @param cards one result per card
 * @param unavailableDays days of the window the source cannot serve at all, with the
 * reason
 */
public record SetBatch(List<CardResult> cards, Map<LocalDate, String> unavailableDays) {

	public SetBatch {
		cards = List.copyOf(cards);
		unavailableDays = new TreeMap<>(unavailableDays);
	}

	/**
	 * A batch where every day was available.
	 * @param cards the results
	 * @return the batch
	 */
	public static SetBatch of(List<CardResult> cards) {
		return new SetBatch(cards, Map.of());
	}

}
