package dev.pokewatch.serving.signals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Service;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.system.ProblemResponses;

/**
 * Answers {@code GET /signals}. The ranked BUY and SELL lists of every card's latest day
 * are built once per model load (an index never changes) through
 * {@link ModelIndex#signalAt}, the code path of {@code POST /predict}; a request only
 * filters them by age and category and cuts them to its limit.
 */
@Service
class SignalsService {

	private final AtomicReference<LatestSignals> latest = new AtomicReference<>();

	private final AtomicReference<SignalDays> signalDays = new AtomicReference<>();

	/**
	 * The latest signals of one side.
	 * @param index the model to answer from
	 * @param query the checked query
	 * @return the answer
	 */
	SignalsResponse signals(ModelIndex index, SignalsQuery query) {
		LatestSignals latest = (query.date() != null) ? LatestSignals.of(index, query.date()) : latest(index);
		List<SignalsResponse.Item> ranked = (query.signal() == Signal.BUY) ? latest.buys() : latest.sells();
		List<SignalsResponse.Item> selected = new ArrayList<>();
		for (SignalsResponse.Item item : ranked) {
			if (selected.size() == query.limit()) {
				break;
			}
			// stale prices must not produce today's signals
			boolean recent = item.date().toEpochDay() >= latest.asOf().toEpochDay() - query.maxAgeDays();
			if (recent && query.acceptsCategory(item.category())) {
				selected.add(item);
			}
		}
		LocalDate latestSignalDate = (latest.asOf() != null) ? signalDays(index).latestAtOrBefore(query, latest.asOf())
				: null;
		return new SignalsResponse(latest.asOf(), query.signal(), index.modelVersion(),
				SignalsResponse.Rule.of(index.metadata(), index.signalRule(), query.signal()), selected.size(),
				latestSignalDate, emptyNote(query, latest.asOf(), selected.size(), latestSignalDate),
				List.copyOf(selected));
	}

	/**
	 * Why an answer is empty, in words a collector reads, and where the side last spoke.
	 * @param query the query
	 * @param asOf the day answered
	 * @param count the number of signals listed
	 * @param latestSignalDate the newest day with a signal of the side, or {@code null}
	 * @return the note, {@code null} when signals are listed
	 */
	static String emptyNote(SignalsQuery query, LocalDate asOf, int count, LocalDate latestSignalDate) {
		if (count > 0 || asOf == null) {
			return null;
		}
		String side = query.signal().name();
		// the category is client input: echoed bounded
		String cards = (query.category() != null) ? "'" + ProblemResponses.abbreviate(query.category()) + "' cards"
				: "cards";
		String none = "No " + side + " signal for " + cards + " priced within " + query.maxAgeDays() + " day(s) of "
				+ asOf + ".";
		if (latestSignalDate == null) {
			return none + " This model gave no " + side + " signal to " + cards + " on any day up to " + asOf + ".";
		}
		return none + " The latest " + side + " signal was on " + latestSignalDate + ": ask with date="
				+ latestSignalDate + " to list it.";
	}

	private SignalDays signalDays(ModelIndex index) {
		SignalDays cached = this.signalDays.get();
		if (cached != null && cached.generation() == index.generation()) {
			return cached;
		}
		SignalDays built = SignalDays.of(index);
		this.signalDays.set(built);
		return built;
	}

	private LatestSignals latest(ModelIndex index) {
		LatestSignals cached = this.latest.get();
		if (cached != null && cached.generation() == index.generation()) {
			return cached;
		}
		// two requests racing on a new model may both build it: same result, no lock
		// needed
		LatestSignals built = LatestSignals.of(index, null);
		this.latest.set(built);
		return built;
	}

	/**
	 * Strongest first: BUY by strength descending, SELL by strength ascending; signals
	 * without a strength after those with one; ties by the size of the deviation, then by
	 * card id, so the order is total.
	 * @param side BUY or SELL
	 * @return the ranking
	 */
	static Comparator<SignalsResponse.Item> ranking(Signal side) {
		Comparator<Double> strongestFirst = (side == Signal.BUY) ? Comparator.reverseOrder()
				: Comparator.naturalOrder();
		return Comparator.comparing(SignalsResponse.Item::strength, Comparator.nullsLast(strongestFirst))
			.thenComparing((item) -> Math.abs(item.deviationPct()), Comparator.reverseOrder())
			.thenComparing(SignalsResponse.Item::cardId);
	}

	/**
	 * The ranked signals of every card's latest day (at or before a day) in one model
	 * load.
	 *
	 * @param generation the load they were built from
	 * @param asOf the requested day, else the newest day in the model, {@code null}
	 * without cards
	 * @param buys the BUY signals, ranked
	 * @param sells the SELL signals, ranked
	 */
	private record LatestSignals(long generation, LocalDate asOf, List<SignalsResponse.Item> buys,
			List<SignalsResponse.Item> sells) {

		static LatestSignals of(ModelIndex index, LocalDate date) {
			List<SignalsResponse.Item> buys = new ArrayList<>();
			List<SignalsResponse.Item> sells = new ArrayList<>();
			int newest = Integer.MIN_VALUE;
			for (String cardId : index.sortedCardIds()) {
				ServedSeries series = index.card(cardId);
				int last = (date != null) ? series.indexAtOrBefore((int) date.toEpochDay()) : series.lastIndex();
				if (last < 0) {
					continue;
				}
				newest = Math.max(newest, series.epochDay(last));
				DaySignal day = index.signalAt(series, last);
				if (day == null || day.signal() == Signal.HOLD) {
					continue;
				}
				SignalsResponse.Item item = new SignalsResponse.Item(cardId, series.cardName(), series.setName(),
						series.category(), series.date(last), day.marketPrice(), day.fairPrice(), day.deviation(),
						day.strengthOrNull(), day.signal());
				((day.signal() == Signal.BUY) ? buys : sells).add(item);
			}
			buys.sort(ranking(Signal.BUY));
			sells.sort(ranking(Signal.SELL));
			LocalDate asOf = (date != null) ? date
					: (newest != Integer.MIN_VALUE) ? LocalDate.ofEpochDay(newest) : null;
			return new LatestSignals(index.generation(), asOf, List.copyOf(buys), List.copyOf(sells));
		}

	}

}
