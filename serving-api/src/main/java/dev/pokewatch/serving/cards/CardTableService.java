package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Service;

import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;

/**
 * Answers {@code GET /cards/table}. The rows of one day (every card on its latest day at
 * or before it) are built once per model load and day and kept for the next page; a
 * request only filters, sorts and cuts them (tens of milliseconds for 10,000 cards).
 */
@Service
class CardTableService {

	private final AtomicReference<TableDay> newest = new AtomicReference<>();

	private final AtomicReference<TableDay> asked = new AtomicReference<>();

	/**
	 * One page of the table.
	 * @param index the model
	 * @param query the checked query
	 * @return the page
	 */
	CardTableResponse table(ModelIndex index, CardTableQuery query) {
		TableDay day = day(index, query.date());
		List<CardTableResponse.Row> matching = new ArrayList<>();
		for (CardTableResponse.Row row : day.rows()) {
			if (query.accepts(row)) {
				matching.add(row);
			}
		}
		matching.sort(query.sort().comparator(query.descending()));
		long from = (long) (query.page() - 1) * query.size();
		List<CardTableResponse.Row> page = (from >= matching.size()) ? List.of()
				: List.copyOf(matching.subList((int) from, (int) Math.min(from + query.size(), matching.size())));
		return new CardTableResponse(day.asOf(), index.modelVersion(), matching.size(), query.page(), query.size(),
				day.categories(), page);
	}

	private TableDay day(ModelIndex index, LocalDate date) {
		AtomicReference<TableDay> slot = (date != null) ? this.asked : this.newest;
		TableDay cached = slot.get();
		if (cached != null && cached.generation() == index.generation() && Objects.equals(cached.date(), date)) {
			return cached;
		}
		// racing requests may both build it: same result, no lock needed
		TableDay built = TableDay.of(index, date);
		slot.set(built);
		return built;
	}

	/**
	 * Every card's row on its latest day at or before a day, in one model load.
	 *
	 * @param generation the load they were built from
	 * @param date the requested day, {@code null} for the newest
	 * @param asOf the requested day, else the newest day in the model ({@code null}
	 * without cards)
	 * @param rows the rows, by card id
	 * @param categories the model's categories, sorted
	 */
	private record TableDay(long generation, LocalDate date, LocalDate asOf, List<CardTableResponse.Row> rows,
			List<String> categories) {

		static TableDay of(ModelIndex index, LocalDate date) {
			List<CardTableResponse.Row> rows = new ArrayList<>(index.cardsCount());
			TreeSet<String> categories = new TreeSet<>();
			int newest = Integer.MIN_VALUE;
			for (String cardId : index.sortedCardIds()) {
				ServedSeries series = index.card(cardId);
				if (series.category() != null) {
					categories.add(series.category());
				}
				int at = (date != null) ? series.indexAtOrBefore(CardQueryParameters.epochDay(date))
						: series.lastIndex();
				if (at < 0) {
					continue;
				}
				newest = Math.max(newest, series.epochDay(at));
				rows.add(CardTableResponse.Row.of(index, series, at));
			}
			LocalDate asOf = (date != null) ? date
					: (newest != Integer.MIN_VALUE) ? LocalDate.ofEpochDay(newest) : null;
			return new TableDay(index.generation(), date, asOf, List.copyOf(rows), List.copyOf(categories));
		}

	}

}
