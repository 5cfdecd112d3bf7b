package dev.pokewatch.collector.source.ppt;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import dev.pokewatch.collector.source.DailyPrice;

/**
 * Reads one card object of the Pokémon Price Tracker API v2: identity fields, the current
 * price ({@code prices.market}, else {@code prices.mid}) and the optional
 * {@code priceHistory}, in either recorded shape:
 * <ul>
 * <li>{@code conditions.<condition>.history[]{date, market}} (seen Oct 2025),</li>
 * <li>{@code variants.<printing>.<condition>.history[]} (seen Apr 2026), dates possibly
 * as {@code 2025-10-17T00:00:00.000Z}.</li>
 * </ul>
 * Near Mint is preferred among conditions; among printings the card's configured
 * printing, else {@code prices.primaryPrinting}, else Holofoil, else the first listed.
 *
 * @param tcgplayerId the product id, may be {@code null}
 * @param name the card name, may be {@code null}
 * @param cardNumber the printed number, may be {@code null}
 * @param rarity the rarity, may be {@code null}
 * @param current the current price (dated today), or {@code null} if none
 * @param history history points by day
 */
record PriceTrackerCard(String tcgplayerId, String name, String cardNumber, String rarity, DailyPrice current,
		List<DailyPrice> history) {

	private static final String NEAR_MINT = "Near Mint";

	/**
	 * Parses a card object.
	 * @param card the JSON object
	 * @param printing the configured printing, or {@code null}
	 * @param today the day the current price is for (UTC)
	 * @return the card
	 * @throws IllegalArgumentException naming the field when the object is not a card
	 */
	static PriceTrackerCard parse(JsonNode card, String printing, LocalDate today) {
		if (card == null || !card.isObject()) {
			throw new IllegalArgumentException("expected a card object, got " + kind(card));
		}
		JsonNode prices = card.path("prices");
		Double market = number(prices, "market");
		Double mid = number(prices, "mid");
		Double low = number(prices, "low");
		Double high = number(prices, "high");
		Double currentMarket = (market != null) ? market : mid;
		DailyPrice current = (currentMarket != null || low != null || high != null)
				? new DailyPrice(today, currentMarket, low, mid, high) : null;
		String preferred = (printing != null) ? printing : text(prices, "primaryPrinting");
		return new PriceTrackerCard(text(card, "tcgPlayerId"), text(card, "name"),
				(text(card, "cardNumber") != null) ? text(card, "cardNumber") : text(card, "number"),
				text(card, "rarity"), current, history(card.path("priceHistory"), preferred));
	}

	/**
	 * The days with a price: history, with today's current price taking precedence.
	 * @return prices by ascending day
	 */
	List<DailyPrice> allPrices() {
		Map<LocalDate, DailyPrice> byDay = new TreeMap<>();
		this.history.forEach((price) -> byDay.put(price.date(), price));
		if (this.current != null) {
			byDay.put(this.current.date(), this.current);
		}
		return List.copyOf(byDay.values());
	}

	private static List<DailyPrice> history(JsonNode node, String printing) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return List.of();
		}
		if (node.isArray()) {
			return points(node);
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("priceHistory: expected an object, got " + kind(node));
		}
		if (node.has("variants")) {
			JsonNode variant = pick(node.get("variants"), printing, "Holofoil");
			return (variant != null) ? points(conditionHistory(variant)) : List.of();
		}
		if (node.has("conditions")) {
			return points(conditionHistory(node.get("conditions")));
		}
		// the older PokeWatch client assumed a flat {"YYYY-MM-DD": price} map
		List<DailyPrice> flat = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (entry.getValue().isNumber()) {
				flat.add(DailyPrice.market(day(entry.getKey()), entry.getValue().asDouble()));
			}
		}
		return flat;
	}

	private static JsonNode conditionHistory(JsonNode conditions) {
		JsonNode condition = pick(conditions, NEAR_MINT, null);
		return (condition != null) ? condition.path("history") : null;
	}

	private static JsonNode pick(JsonNode options, String preferred, String fallback) {
		if (options == null || !options.isObject() || options.isEmpty()) {
			return null;
		}
		if (preferred != null && options.has(preferred)) {
			return options.get(preferred);
		}
		if (fallback != null && options.has(fallback)) {
			return options.get(fallback);
		}
		Iterator<JsonNode> values = options.values().iterator();
		return values.next();
	}

	private static List<DailyPrice> points(JsonNode history) {
		if (history == null || !history.isArray()) {
			return List.of();
		}
		List<DailyPrice> points = new ArrayList<>();
		for (int i = 0; i < history.size(); i++) {
			JsonNode point = history.get(i);
			String date = text(point, "date");
			Double market = number(point, "market");
			if (date == null) {
				throw new IllegalArgumentException("priceHistory history[" + i + "].date is missing");
			}
			if (market != null) {
				points.add(DailyPrice.market(day(date), market));
			}
		}
		return points;
	}

	private static LocalDate day(String text) {
		try {
			// "2025-10-17T00:00:00.000Z" is a UTC midnight: its first 10 characters are
			// the day
			return LocalDate.parse((text.length() > 10) ? text.substring(0, 10) : text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("priceHistory date '" + text + "' is not a day", ex);
		}
	}

	private static Double number(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isNumber()) {
			return value.asDouble();
		}
		if (value.isString() && !value.asString().isBlank()) {
			try {
				return Double.valueOf(value.asString());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + field + "' is not a number: '" + value.asString() + "'", ex);
			}
		}
		return null;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isNull() || value.isMissingNode() || value.isContainer()) {
			return null;
		}
		String text = value.asString().strip();
		return text.isEmpty() ? null : text;
	}

	private static String kind(JsonNode node) {
		return (node == null || node.isMissingNode()) ? "nothing" : node.getNodeType().toString().toLowerCase();
	}

}
