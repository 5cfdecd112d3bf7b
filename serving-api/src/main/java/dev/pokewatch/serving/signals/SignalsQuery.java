package dev.pokewatch.serving.signals;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.system.ProblemResponses;

/**
 * The checked query of {@code GET /signals}. The parameters arrive as text and are parsed
 * here, so that each bad one is a 400 naming it, its allowed values and the value given.
 *
 * @param signal the requested side, BUY or SELL
 * @param category the category to keep (compared ignoring case), or {@code null} for all
 * @param maxAgeDays how many days a card's latest day may lie before the newest day of
 * the model
 * @param limit the most signals answered
 * @param date the day to answer as of (each card's latest day at or before it), or
 * {@code null} for the newest day in the model
 */
record SignalsQuery(Signal signal, String category, int maxAgeDays, int limit, LocalDate date) {

	static final int DEFAULT_MAX_AGE_DAYS = 7;

	static final int MAX_MAX_AGE_DAYS = 3650;

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 500;

	private static final List<String> PARAMETERS = List.of("signal", "category", "max_age_days", "limit", "date");

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

	/**
	 * Parses the query parameters.
	 * @param signal {@code BUY} or {@code SELL} (required)
	 * @param category a category, or {@code null}/empty for all
	 * @param maxAgeDays an integer from 0 to 3650, or {@code null} for 7
	 * @param limit an integer from 1 to 500, or {@code null} for 20
	 * @param date an ISO day {@code YYYY-MM-DD}, or {@code null} for the newest day
	 * @return the query
	 * @throws InvalidSignalsQueryException naming the first bad parameter
	 */
	static SignalsQuery parse(String signal, String category, String maxAgeDays, String limit, String date) {
		return new SignalsQuery(side(signal), (category == null || category.isEmpty()) ? null : category,
				integer("max_age_days", maxAgeDays, DEFAULT_MAX_AGE_DAYS, 0, MAX_MAX_AGE_DAYS),
				integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), day(date));
	}

	private static LocalDate day(String text) {
		// an empty date is not a date: the document declares format date
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidSignalsQueryException(
					"'date' must be an ISO date YYYY-MM-DD, got '" + ProblemResponses.abbreviate(text) + "'");
		}
	}

	/**
	 * Rejects a parameter given more than once: binding would join the values with commas
	 * into one (a category {@code a,b} that matches nothing) instead of failing.
	 * @param parameters the request's parameters
	 * @throws InvalidSignalsQueryException naming the repeated parameter
	 */
	static void requireSingleValues(Map<String, String[]> parameters) {
		for (String name : PARAMETERS) {
			String[] values = parameters.get(name);
			if (values != null && values.length > 1) {
				throw new InvalidSignalsQueryException(
						"'" + name + "' must be given at most once, got " + values.length + " values");
			}
		}
	}

	/**
	 * Whether a card's category passes the filter.
	 * @param cardCategory the card's category, or {@code null}
	 * @return {@code true} without a filter or when the category equals it ignoring case
	 */
	boolean acceptsCategory(String cardCategory) {
		return this.category == null || this.category.equalsIgnoreCase(cardCategory);
	}

	private static Signal side(String text) {
		if (text == null) {
			throw new InvalidSignalsQueryException("'signal' is required: BUY or SELL");
		}
		if (Signal.BUY.name().equals(text) || Signal.SELL.name().equals(text)) {
			return Signal.valueOf(text);
		}
		String hint = Signal.HOLD.name().equals(text) ? " (every card without a BUY or SELL holds: none is listed)"
				: "";
		throw new InvalidSignalsQueryException(
				"'signal' must be BUY or SELL, got '" + ProblemResponses.abbreviate(text) + "'" + hint);
	}

	private static int integer(String name, String text, int defaultValue, int min, int max) {
		if (text == null) {
			return defaultValue;
		}
		if (INTEGER.matcher(text).matches()) {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		throw new InvalidSignalsQueryException("'" + name + "' must be an integer from " + min + " to " + max
				+ ", got '" + ProblemResponses.abbreviate(text) + "'");
	}

}
