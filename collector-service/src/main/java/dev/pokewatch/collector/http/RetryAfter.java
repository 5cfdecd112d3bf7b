package dev.pokewatch.collector.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delay seconds or an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parses the header value.
	 * @param value the header value, may be {@code null}
	 * @param now the current time, to turn a date into a delay
	 * @return the delay (never negative), or empty when absent or unreadable
	 */
	static Optional<Duration> parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.strip();
		if (text.chars().allMatch(Character::isDigit)) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
		}
		try {
			Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(now, at);
			return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
