package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import dev.pokewatch.serving.system.ProblemResponses;

/**
 * Parses the text query parameters of the card endpoints, so that each bad one is a 400
 * naming it, its allowed values and the value given (Spring's binding would answer a
 * generic message, or join repeated values into one).
 */
final class CardQueryParameters {

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

	private CardQueryParameters() {
	}

	/**
	 * Rejects a parameter given more than once.
	 * @param parameters the request's parameters
	 * @param names the parameters that may appear once
	 * @throws InvalidCardsQueryException naming the repeated parameter
	 */
	static void requireSingleValues(Map<String, String[]> parameters, Collection<String> names) {
		for (String name : names) {
			String[] values = parameters.get(name);
			if (values != null && values.length > 1) {
				throw new InvalidCardsQueryException(
						"'" + name + "' must be given at most once, got " + values.length + " values");
			}
		}
	}

	/**
	 * An optional ISO day.
	 * @param name the parameter
	 * @param text its value
	 * @return the day, or {@code null} when absent
	 */
	static LocalDate day(String name, String text) {
		// an empty value is not a date: the document declares format date
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidCardsQueryException(
					"'" + name + "' must be an ISO date YYYY-MM-DD, got '" + ProblemResponses.abbreviate(text) + "'");
		}
	}

	/**
	 * A day as the served series index it: ISO dates reach years far beyond an int of
	 * epoch days, so they are clamped rather than wrapped around.
	 * @param day the day
	 * @return its epoch day, clamped to the int range (less one, so a day before it
	 * exists)
	 */
	static int epochDay(LocalDate day) {
		return (int) Math.clamp(day.toEpochDay(), Integer.MIN_VALUE + 1L, Integer.MAX_VALUE);
	}

	/**
	 * An optional integer within bounds.
	 * @param name the parameter
	 * @param text its value
	 * @param defaultValue the value when absent
	 * @param min the smallest allowed
	 * @param max the largest allowed
	 * @return the value
	 */
	static int integer(String name, String text, int defaultValue, int min, int max) {
		if (text == null) {
			return defaultValue;
		}
		if (INTEGER.matcher(text).matches()) {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		throw new InvalidCardsQueryException("'" + name + "' must be an integer from " + min + " to " + max + ", got '"
				+ ProblemResponses.abbreviate(text) + "'");
	}

}
