package dev.pokewatch.collector.source.tcgcsv;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.Printings;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.collector.source.WholeSetCards;
import dev.pokewatch.common.card.CardsConfig;
import dev.pokewatch.common.card.CardsConfigException;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

/**
 * Collects from TCGCSV: one request per set (its {@code tcgplayer_group_id}) returns the
 * current TCGplayer prices of every product, dated today (UTC); earlier days of the
 * window are reported as unavailable (TCGCSV keeps history only in its daily archives).
 *
 * <p>
 * A product has one row per printing ({@code subTypeName}). The row priced for a card
 * listed in cards.yaml is chosen by {@link Printings#choose}: its {@code printing} if
 * given (the card is skipped if that printing is not listed), else {@code Holofoil}, else
 * the first row with a market price, else the first row. For {@code track_all: true},
 * every printing of every product cards.yaml does not list is a card of its own
 * ({@link WholeSetCards}).
 */
public class TcgcsvSource implements PriceSource {

	private final TcgcsvClient client;

	private final Clock clock;

	public TcgcsvSource(RetryingHttpClient http, URI baseUrl, int categoryId, Clock clock) {
		this.client = new TcgcsvClient(http, baseUrl, categoryId);
		this.clock = clock;
	}

	@Override
	public String name() {
		return "tcgcsv";
	}

	/**
	 * Requires a {@code tcgplayer_group_id} on every set: TCGCSV serves prices per
	 * TCGplayer group.
	 */
	@Override
	public void checkConfig(CardsConfig config, Path file) {
		List<TrackedSet> sets = config.sets();
		for (int i = 0; i < sets.size(); i++) {
			if (sets.get(i).set().tcgplayerGroupId() == null) {
				String field = (sets.size() > 1) ? "sets[" + i + "].set.tcgplayer_group_id" : "set.tcgplayer_group_id";
				throw new CardsConfigException(file, field,
						"is required by --source tcgcsv (the TCGplayer group id of '" + sets.get(i).set().name()
								+ "')");
			}
		}
	}

	@Override
	public SetBatch fetch(TrackedSet set, DayWindow window) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		Map<LocalDate, String> unavailable = new LinkedHashMap<>();
		window.dates()
			.stream()
			.filter((date) -> !date.equals(today))
			.forEach((date) -> unavailable.put(date, "TCGCSV serves only the current day's prices (" + today + ")"));
		if (!window.contains(today)) {
			return new SetBatch(set.activeCards()
				.stream()
				.<CardResult>map((card) -> new CardResult.Skipped(card, "no TCGCSV prices for " + window))
				.toList(), unavailable);
		}
		String groupId = set.set().tcgplayerGroupId();
		if (groupId == null) {
			return new SetBatch(failAll(set, "set '" + set.set().name() + "' has no tcgplayer_group_id in cards.yaml"),
					unavailable);
		}
		List<TcgcsvClient.ProductPrice> prices;
		try {
			prices = this.client.prices(groupId);
		}
		catch (TcgcsvClient.TcgcsvException ex) {
			return new SetBatch(failAll(set, ex.getMessage()), unavailable);
		}
		Map<String, List<TcgcsvClient.ProductPrice>> byProduct = new LinkedHashMap<>();
		prices.forEach((price) -> byProduct.computeIfAbsent(price.productId(), (id) -> new ArrayList<>()).add(price));
		List<CardResult> results = new ArrayList<>();
		for (TrackedCard card : set.activeCards()) {
			results.add((card.tcgplayerId() != null) ? result(card, byProduct.get(card.tcgplayerId()), today)
					: new CardResult.Skipped(card, "no tcgplayer_id in cards.yaml"));
		}
		if (set.wholeSet()) {
			Set<String> configured = new HashSet<>();
			set.cards().forEach((card) -> configured.add(card.tcgplayerId()));
			byProduct.forEach((productId, rows) -> {
				if (!configured.contains(productId)) {
					rows.forEach((row) -> results.add(collected(
							WholeSetCards.card(set.set(), productId, row.subTypeName(), null, null), row, today)));
				}
			});
		}
		return new SetBatch(results, unavailable);
	}

	private CardResult result(TrackedCard card, List<TcgcsvClient.ProductPrice> rows, LocalDate today) {
		if (rows == null) {
			return new CardResult.Skipped(card,
					"TCGplayer product " + card.tcgplayerId() + " is not in the group's price list");
		}
		Optional<TcgcsvClient.ProductPrice> chosen = Printings.choose(rows, TcgcsvClient.ProductPrice::subTypeName,
				(row) -> row.market() != null, card.printing());
		if (chosen.isEmpty()) {
			return new CardResult.Skipped(card, "printing '" + card.printing() + "' is not listed for product "
					+ card.tcgplayerId() + " (listed: " + rows.stream().map((r) -> r.subTypeName()).toList() + ")");
		}
		return collected(card, chosen.get(), today);
	}

	private static CardResult collected(TrackedCard card, TcgcsvClient.ProductPrice price, LocalDate today) {
		return new CardResult.Collected(card, null,
				List.of(new DailyPrice(today, price.market(), price.low(), price.mid(), price.high())));
	}

	private static List<CardResult> failAll(TrackedSet set, String reason) {
		return set.activeCards().stream().<CardResult>map((card) -> new CardResult.Failed(card, reason)).toList();
	}

}
