package dev.pokewatch.serving.cards;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.pokewatch.serving.system.ProblemResponses;

/**
 * The columns {@code GET /cards/table} sorts on. Text compares ignoring case; a missing
 * value (no fair price, no strength, no name) sorts last in both directions, and ties
 * fall back to the card id so pages never overlap.
 */
enum CardTableSort {

	CARD_NAME("card_name", (row) -> lower(row.cardName())),

	SET_NAME("set_name", (row) -> lower(row.setName())),

	CATEGORY("category", (row) -> lower(row.category())),

	MARKET_PRICE("market_price", CardTableResponse.Row::marketPrice),

	FAIR_PRICE("fair_price", CardTableResponse.Row::fairPrice),

	DEVIATION_PCT("deviation_pct", CardTableResponse.Row::deviationPct),

	STRENGTH("strength", CardTableResponse.Row::strength),

	SIGNAL("signal", CardTableResponse.Row::signal),

	CARD_ID("card_id", CardTableResponse.Row::cardId);

	static final String ALLOWED = Arrays.stream(values()).map(CardTableSort::id).collect(Collectors.joining(", "));

	private final String id;

	private final Function<CardTableResponse.Row, ? extends Comparable<?>> key;

	CardTableSort(String id, Function<CardTableResponse.Row, ? extends Comparable<?>> key) {
		this.id = id;
		this.key = key;
	}

	/**
	 * The column's name in the API.
	 * @return the name
	 */
	String id() {
		return this.id;
	}

	/**
	 * The order of rows on this column.
	 * @param descending whether larger values come first
	 * @return the comparator, missing values last, ties by card id
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	Comparator<CardTableResponse.Row> comparator(boolean descending) {
		Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
		Function<CardTableResponse.Row, Comparable> column = (Function) this.key;
		return Comparator.comparing(column, Comparator.nullsLast(values)).thenComparing(CardTableResponse.Row::cardId);
	}

	static CardTableSort parse(String text) {
		if (text == null) {
			return STRENGTH;
		}
		for (CardTableSort sort : values()) {
			if (sort.id.equals(text)) {
				return sort;
			}
		}
		throw new InvalidCardsQueryException(
				"'sort' must be one of " + ALLOWED + ", got '" + ProblemResponses.abbreviate(text) + "'");
	}

	private static String lower(String text) {
		return (text != null) ? text.toLowerCase(java.util.Locale.ROOT) : null;
	}

}
