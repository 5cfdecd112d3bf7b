package dev.pokewatch.collector.source.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.Printings;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.collector.source.WholeSetCards;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

/**
 * Replays the bundled real prices ({@link SamplePrices}) as if they were collected day by
 * day. With neither {@code --date} nor {@code --days} it replays every bundled day, or
 * the last {@code replayDays} days when that is configured; {@code --date D} gives day D
 * only and {@code --days N} the N days ending at D (default: the last bundled day).
 *
 * <p>
 * Listed cards are matched by {@code tcgplayer_id}: pytcgplayer's series when it recorded
 * the product, else the TCGCSV printing chosen by {@link Printings#choose}. A
 * {@code track_all: true} set also replays, by its {@code tcgplayer_group_id}, every
 * TCGCSV (product, printing) series with a price in the window whose product cards.yaml
 * does not list in the set, as the cards of {@link WholeSetCards}, the same cards
 * {@code --source tcgcsv} collects.
 */
public class SamplePriceSource implements PriceSource {

	private final Integer replayDays;

	private SamplePrices prices;

	/**
	 * Creates the source.
	 * @param replayDays days replayed when the run gives neither date nor days;
	 * {@code null} for every bundled day
	 */
	public SamplePriceSource(Integer replayDays) {
		if (replayDays != null && replayDays < 1) {
			throw new IllegalArgumentException("'replayDays' must be at least 1");
		}
		this.replayDays = replayDays;
	}

	@Override
	public String name() {
		return "sample";
	}

	@Override
	public DayWindow window(LocalDate date, Integer days, LocalDate today) {
		SamplePrices sample = prices();
		LocalDate end = (date != null) ? date : sample.lastDay();
		if (days != null) {
			return new DayWindow(end, days);
		}
		if (date != null) {
			return new DayWindow(end, 1);
		}
		int all = (int) ChronoUnit.DAYS.between(sample.firstDay(), end) + 1;
		return new DayWindow(end, (this.replayDays != null) ? this.replayDays : all);
	}

	@Override
	public SetBatch fetch(TrackedSet set, DayWindow window) {
		SamplePrices sample = prices();
		List<CardResult> results = new ArrayList<>();
		set.activeCards().forEach((card) -> results.add(listed(sample, card, window)));
		String groupId = set.set().tcgplayerGroupId();
		if (set.wholeSet() && groupId != null) {
			Set<String> listed = new HashSet<>();
			set.cards().forEach((card) -> listed.add(card.tcgplayerId()));
			sample.tcgcsvGroup(groupId).forEach((productId, printings) -> {
				if (!listed.contains(productId)) {
					printings.forEach((series) -> wholeSet(set, productId, series, window).ifPresent(results::add));
				}
			});
		}
		Map<LocalDate, String> unavailable = new LinkedHashMap<>();
		for (LocalDate date : window.dates()) {
			if (!sample.hasDay(date)) {
				unavailable.put(date,
						"not in the bundled sample (it covers " + sample.firstDay() + ".." + sample.lastDay() + ")");
			}
		}
		return new SetBatch(results, unavailable);
	}

	private static CardResult listed(SamplePrices sample, TrackedCard card, DayWindow window) {
		if (card.tcgplayerId() == null) {
			return new CardResult.Skipped(card, "no tcgplayer_id in cards.yaml: the sample is keyed by it");
		}
		NavigableMap<LocalDate, DailyPrice> history = sample.pytcgplayer(card.tcgplayerId());
		if (history != null) {
			return new CardResult.Collected(card, null, inWindow(history, window));
		}
		List<SamplePrices.Series> printings = sample.tcgcsv(card.tcgplayerId());
		if (printings == null) {
			return new CardResult.Skipped(card, "TCGplayer product " + card.tcgplayerId() + " is not in the sample");
		}
		return Printings
			.choose(printings, SamplePrices.Series::printing,
					(series) -> series.prices().values().stream().anyMatch((price) -> price.market() != null),
					card.printing())
			.<CardResult>map((series) -> new CardResult.Collected(card, null, inWindow(series.prices(), window)))
			.orElseGet(() -> new CardResult.Skipped(card,
					"printing '" + card.printing() + "' is not in the sample for product " + card.tcgplayerId()
							+ " (it has: " + printings.stream().map(SamplePrices.Series::printing).toList() + ")"));
	}

	private static Optional<CardResult> wholeSet(TrackedSet set, String productId, SamplePrices.Series series,
			DayWindow window) {
		List<DailyPrice> prices = inWindow(series.prices(), window);
		if (prices.isEmpty()) {
			// like a provider's list of the day, the whole set holds what has a price
			return Optional.empty();
		}
		TrackedCard card = WholeSetCards.card(set.set(), productId, series.printing(), null, null);
		return Optional.of(new CardResult.Collected(card, null, prices));
	}

	private static List<DailyPrice> inWindow(NavigableMap<LocalDate, DailyPrice> history, DayWindow window) {
		return List.copyOf(history.subMap(window.start(), true, window.end(), true).values());
	}

	private synchronized SamplePrices prices() {
		if (this.prices == null) {
			this.prices = SamplePrices.load();
		}
		return this.prices;
	}

}
