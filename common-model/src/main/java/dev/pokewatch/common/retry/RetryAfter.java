package dev.pokewatch.common.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} response header (RFC 9110 §10.2.3): delay seconds or an
 * HTTP date. The one parser of the project, so that every client honours the same forms.
 *
 * @since 0.1.0
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parses a header value.
	 * @param value the header value, may be {@code null}
	 * @param now the current time, to turn a date into a delay; not {@code null}
	 * @return the delay, never negative (a date in the past gives {@link Duration#ZERO}),
	 * or empty when the value is absent or unreadable
	 */
	public static Optional<Duration> parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.strip();
		if (text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
			}
			catch (NumberFormatException ex) {
				// more digits than a long holds: no server means that
				return Optional.empty();
			}
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
