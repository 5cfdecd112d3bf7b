package dev.pokewatch.serving.cards;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.pokewatch.serving.system.ProblemResponses;

/**
 * The columns {@code GET /cards/table} sorts on. Text compares ignoring case; a missing
 * value (no fair price, no strength, no name) sorts last in both directions, and ties
 * fall back to the card id so pages never overlap.
 */
enum CardTableSort {

	CARD_NAME("card_name", by((row) -> lower(row.cardName()))),

	SET_NAME("set_name", by((row) -> lower(row.setName()))),

	CATEGORY("category", by((row) -> lower(row.category()))),

	MARKET_PRICE("market_price", by(CardTableResponse.Row::marketPrice)),

	FAIR_PRICE("fair_price", by(CardTableResponse.Row::fairPrice)),

	DEVIATION_PCT("deviation_pct", by(CardTableResponse.Row::deviationPct)),

	STRENGTH("strength", by(CardTableResponse.Row::strength)),

	SIGNAL("signal", by(CardTableResponse.Row::signal)),

	CARD_ID("card_id", by(CardTableResponse.Row::cardId));

	static final String ALLOWED = Arrays.stream(values()).map(CardTableSort::id).collect(Collectors.joining(", "));

	private final String id;

	private final Function<Boolean, Comparator<CardTableResponse.Row>> order;

	CardTableSort(String id, Function<Boolean, Comparator<CardTableResponse.Row>> order) {
		this.id = id;
		this.order = order;
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
	Comparator<CardTableResponse.Row> comparator(boolean descending) {
		return this.order.apply(descending).thenComparing(CardTableResponse.Row::cardId);
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

	// a missing value sorts last whichever the direction
	private static <T extends Comparable<? super T>> Function<Boolean, Comparator<CardTableResponse.Row>> by(
			Function<CardTableResponse.Row, T> key) {
		return (descending) -> Comparator.comparing(key,
				Comparator.nullsLast(descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder()));
	}

	private static String lower(String text) {
		return (text != null) ? text.toLowerCase(Locale.ROOT) : null;
	}

}
