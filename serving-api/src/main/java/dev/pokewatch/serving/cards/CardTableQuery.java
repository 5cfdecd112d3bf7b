package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.system.ProblemResponses;

/**
 * The checked query of {@code GET /cards/table}: filters, sort and page.
 *
 * @param signal only rows with this signal, or {@code null} for all
 * @param category only this category (ignoring case), or {@code null} for all
 * @param search text the card's name, set or id must contain (ignoring case), or
 * {@code null}
 * @param sort the column sorted on
 * @param descending whether the sort is descending
 * @param page the page, from 1
 * @param size rows per page
 * @param date the day to answer as of, or {@code null} for the newest day in the model
 */
record CardTableQuery(Signal signal, String category, String search, CardTableSort sort, boolean descending, int page,
		int size, LocalDate date) {

	static final List<String> PARAMETERS = List.of("signal", "category", "q", "sort", "order", "page", "size", "date");

	static final int MAX_SEARCH_LENGTH = 100;

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	static final int MAX_PAGE = 100_000;

	/**
	 * Parses the query parameters.
	 * @param signal {@code BUY}, {@code SELL}, {@code HOLD}, or {@code null}/empty for
	 * all
	 * @param category a category, or {@code null}/empty for all
	 * @param search a search text of at most 100 characters, or {@code null}/empty
	 * @param sort a column name, or {@code null} for {@code strength}
	 * @param order {@code asc} or {@code desc}, or {@code null} for {@code desc}
	 * @param page an integer from 1, or {@code null} for 1
	 * @param size an integer from 1 to 500, or {@code null} for 50
	 * @param date an ISO day, or {@code null} for the newest day
	 * @return the query
	 * @throws InvalidCardsQueryException naming the first bad parameter
	 */
	static CardTableQuery parse(String signal, String category, String search, String sort, String order, String page,
			String size, String date) {
		return new CardTableQuery(signal(signal), emptyToNull(category), search(search), CardTableSort.parse(sort),
				descending(order), CardQueryParameters.integer("page", page, 1, 1, MAX_PAGE),
				CardQueryParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE),
				CardQueryParameters.day("date", date));
	}

	/**
	 * Whether a row passes the filters.
	 * @param row the row
	 * @return {@code true} when it matches the signal, category and search text
	 */
	boolean accepts(CardTableResponse.Row row) {
		if (this.signal != null && this.signal != row.signal()) {
			return false;
		}
		if (this.category != null && !this.category.equalsIgnoreCase(row.category())) {
			return false;
		}
		return this.search == null || contains(row.cardName()) || contains(row.setName()) || contains(row.cardId());
	}

	private boolean contains(String text) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(this.search);
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	private static String search(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_SEARCH_LENGTH) {
			throw new InvalidCardsQueryException(
					"'q' must be at most " + MAX_SEARCH_LENGTH + " characters, got " + text.length());
		}
		return text.strip().toLowerCase(Locale.ROOT);
	}

	private static Signal signal(String text) {
		if (text == null) {
			return null;
		}
		for (Signal value : Signal.values()) {
			if (value.name().equals(text)) {
				return value;
			}
		}
		throw new InvalidCardsQueryException(
				"'signal' must be BUY, SELL or HOLD, got '" + ProblemResponses.abbreviate(text) + "'");
	}

	private static boolean descending(String text) {
		if (text == null || "desc".equals(text)) {
			return true;
		}
		if ("asc".equals(text)) {
			return false;
		}
		throw new InvalidCardsQueryException(
				"'order' must be asc or desc, got '" + ProblemResponses.abbreviate(text) + "'");
	}

}
