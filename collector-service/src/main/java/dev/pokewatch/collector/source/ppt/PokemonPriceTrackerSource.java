package dev.pokewatch.collector.source.ppt;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.collector.source.WholeSetCards;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

/**
 * Collects from the Pokémon Price Tracker API v2: one request per card by
 * {@code tcgPlayerId}, or one {@code fetchAllInSet} request for a set tracked with
 * {@code track_all: true} (the set's {@code id} must then be the provider's set id). The
 * current price is dated today (UTC); {@code priceHistory}, when returned, backfills the
 * earlier days of the window. History is requested from the window's first day to today.
 */
public class PokemonPriceTrackerSource implements PriceSource {

	/** The provider's documented maximum history depth. */
	static final int MAX_HISTORY_DAYS = 365;

	private final PokemonPriceTrackerClient client;

	private final Clock clock;

	public PokemonPriceTrackerSource(RetryingHttpClient http, URI baseUrl, String apiKey, Clock clock) {
		this.client = new PokemonPriceTrackerClient(http, baseUrl, apiKey, JsonMapper.builder().build());
		this.clock = clock;
	}

	@Override
	public String name() {
		return "pokemonpricetracker";
	}

	@Override
	public SetBatch fetch(TrackedSet set, DayWindow window) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		int days = (int) Math.min(MAX_HISTORY_DAYS, Math.max(1, ChronoUnit.DAYS.between(window.start(), today) + 1));
		Map<LocalDate, String> unavailable = new LinkedHashMap<>();
		for (LocalDate date : window.dates()) {
			if (date.isAfter(today)) {
				unavailable.put(date, "in the future");
			}
			else if (ChronoUnit.DAYS.between(date, today) >= MAX_HISTORY_DAYS) {
				unavailable.put(date, "older than the provider's " + MAX_HISTORY_DAYS + "-day history");
			}
		}
		String language = set.set().language();
		List<CardResult> results = set.wholeSet() ? wholeSet(set, language, days, today)
				: set.activeCards().stream().map((card) -> one(card, language, days, today)).toList();
		return new SetBatch(results, unavailable);
	}

	private CardResult one(TrackedCard card, String language, int days, LocalDate today) {
		if (card.tcgplayerId() == null) {
			return new CardResult.Skipped(card, "no tcgplayer_id in cards.yaml");
		}
		JsonNode data;
		try {
			data = this.client.card(card.tcgplayerId(), language, days);
		}
		catch (PokemonPriceTrackerClient.PriceTrackerException ex) {
			return new CardResult.Failed(card, ex.getMessage());
		}
		if (data != null && data.isArray() && data.size() == 1) {
			data = data.get(0);
		}
		if (data == null || data.isNull() || data.isMissingNode() || data.isEmpty()) {
			return new CardResult.Skipped(card, "the provider returned no data for tcgPlayerId " + card.tcgplayerId());
		}
		return toResult(card, data, today);
	}

	private List<CardResult> wholeSet(TrackedSet set, String language, int days, LocalDate today) {
		JsonNode data;
		try {
			data = this.client.set(set.set().id(), language, days);
		}
		catch (PokemonPriceTrackerClient.PriceTrackerException ex) {
			return set.activeCards()
				.stream()
				.<CardResult>map((card) -> new CardResult.Failed(card, ex.getMessage()))
				.toList();
		}
		Map<String, TrackedCard> listed = new HashMap<>();
		set.cards().forEach((card) -> {
			if (card.tcgplayerId() != null) {
				listed.put(card.tcgplayerId(), card);
			}
		});
		List<CardResult> results = new ArrayList<>();
		Map<String, Boolean> seen = new HashMap<>();
		if (data != null && data.isArray()) {
			for (JsonNode node : data) {
				String id = node.path("tcgPlayerId").isValueNode() ? node.path("tcgPlayerId").asString() : null;
				if (id == null || id.isBlank()) {
					continue;
				}
				TrackedCard card = listed.getOrDefault(id,
						WholeSetCards.card(set.set(), id, null,
								node.path("name").isString() ? node.path("name").asString() : null,
								node.path("cardNumber").isValueNode() ? node.path("cardNumber").asString() : null));
				seen.put(id, true);
				if (card.monitoring().active()) {
					results.add(toResult(card, node, today));
				}
			}
		}
		for (TrackedCard card : set.activeCards()) {
			if (card.tcgplayerId() == null || !seen.containsKey(card.tcgplayerId())) {
				results.add(new CardResult.Skipped(card, "not in the provider's list for set " + set.set().id()));
			}
		}
		return results;
	}

	private CardResult toResult(TrackedCard card, JsonNode node, LocalDate today) {
		try {
			PriceTrackerCard parsed = PriceTrackerCard.parse(node, card.printing(), today);
			if (parsed.allPrices().isEmpty()) {
				return new CardResult.Skipped(card, "the provider has no price for it");
			}
			return new CardResult.Collected(card, parsed.rarity(), parsed.allPrices());
		}
		catch (IllegalArgumentException ex) {
			return new CardResult.Failed(card,
					"unexpected response for tcgPlayerId " + card.tcgplayerId() + ": " + ex.getMessage());
		}
	}

}
