package dev.pokewatch.serving.signals;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;

/**
 * The days on which a model gave BUY or SELL signals, with the categories of the cards
 * that had them. It lets an empty answer say when the side last spoke, so a client can
 * ask again with {@code date}: a card signalled on day {@code d} is listed by
 * {@code ?date=d}, since its latest day at or before {@code d} is {@code d} itself.
 *
 * @param generation the model load it was built from
 * @param buyDays BUY days (epoch days) to the categories signalled that day ({@code ""}
 * for a card without category)
 * @param sellDays the same for SELL
 */
record SignalDays(long generation, NavigableMap<Integer, Set<String>> buyDays,
		NavigableMap<Integer, Set<String>> sellDays) {

	/**
	 * Walks every day of every card once, through {@link ModelIndex#signalAt}, the code
	 * path of {@code POST /predict}.
	 * @param index the model
	 * @return its signal days
	 */
	static SignalDays of(ModelIndex index) {
		NavigableMap<Integer, Set<String>> buys = new TreeMap<>();
		NavigableMap<Integer, Set<String>> sells = new TreeMap<>();
		for (String cardId : index.sortedCardIds()) {
			ServedSeries series = index.card(cardId);
			String category = (series.category() != null) ? series.category() : "";
			for (int at = 0; at <= series.lastIndex(); at++) {
				DaySignal day = index.signalAt(series, at);
				if (day != null && day.signal() != Signal.HOLD) {
					((day.signal() == Signal.BUY) ? buys : sells)
						.computeIfAbsent(series.epochDay(at), (epochDay) -> new HashSet<>())
						.add(category);
				}
			}
		}
		return new SignalDays(index.generation(), buys, sells);
	}

	/**
	 * The newest day at or before a day on which the query's side and category had a
	 * signal.
	 * @param query the query (side and category)
	 * @param asOf the newest day to consider
	 * @return that day, {@code null} when there is none
	 */
	LocalDate latestAtOrBefore(SignalsQuery query, LocalDate asOf) {
		NavigableMap<Integer, Set<String>> days = (query.signal() == Signal.BUY) ? this.buyDays : this.sellDays;
		for (Map.Entry<Integer, Set<String>> day : days.headMap((int) asOf.toEpochDay(), true)
			.descendingMap()
			.entrySet()) {
			if (day.getValue().stream().anyMatch(query::acceptsCategory)) {
				return LocalDate.ofEpochDay(day.getKey());
			}
		}
		return null;
	}

}
