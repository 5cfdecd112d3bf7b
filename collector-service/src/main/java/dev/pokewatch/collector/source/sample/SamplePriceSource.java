package dev.pokewatch.collector.source.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

/**
 * Replays the bundled real prices as if they were collected day by day. With neither
 * {@code --date} nor {@code --days} it replays the last {@code replayDays} bundled days
 * (enough history for training); {@code --date D} gives day D only and {@code --days N}
 * the N days ending at D (default: the last bundled day). Cards are matched by
 * {@code tcgplayer_id}.
 */
public class SamplePriceSource implements PriceSource {

	private final int replayDays;

	private SamplePrices prices;

	public SamplePriceSource(int replayDays) {
		if (replayDays < 1) {
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
		LocalDate end = (date != null) ? date : prices().lastDay();
		int count = (days != null) ? days : ((date != null) ? 1 : this.replayDays);
		return new DayWindow(end, count);
	}

	@Override
	public SetBatch fetch(TrackedSet set, DayWindow window) {
		SamplePrices sample = prices();
		List<CardResult> results = new ArrayList<>();
		// the sample is keyed by product, not by set: a track_all set replays its listed
		// cards
		set.activeCards().forEach((card) -> results.add(result(sample, card, window)));
		Map<LocalDate, String> unavailable = new LinkedHashMap<>();
		for (LocalDate date : window.dates()) {
			if (!sample.hasDay(date)) {
				unavailable.put(date,
						"not in the bundled sample (it covers " + sample.firstDay() + ".." + sample.lastDay() + ")");
			}
		}
		return new SetBatch(results, unavailable);
	}

	private CardResult result(SamplePrices sample, TrackedCard card, DayWindow window) {
		if (card.tcgplayerId() == null) {
			return new CardResult.Skipped(card, "no tcgplayer_id in cards.yaml: the sample is keyed by it");
		}
		NavigableMap<LocalDate, Double> history = sample.product(card.tcgplayerId());
		if (history == null) {
			return new CardResult.Skipped(card, "TCGplayer product " + card.tcgplayerId() + " is not in the sample");
		}
		List<DailyPrice> prices = history.subMap(window.start(), true, window.end(), true)
			.entrySet()
			.stream()
			.map((entry) -> DailyPrice.market(entry.getKey(), entry.getValue()))
			.toList();
		return new CardResult.Collected(card, null, prices);
	}

	private synchronized SamplePrices prices() {
		if (this.prices == null) {
			this.prices = SamplePrices.load();
		}
		return this.prices;
	}

}
