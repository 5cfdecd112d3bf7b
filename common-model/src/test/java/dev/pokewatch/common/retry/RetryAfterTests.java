package dev.pokewatch.common.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2025-10-26T03:00:00Z");

	@Test
	void parseWhenDelaySecondsShouldReturnThem() {
		assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
	}

	@Test
	void parseWhenHttpDateShouldReturnTheTimeUntilIt() {
		assertThat(RetryAfter.parse(httpDate(NOW.plusSeconds(30)), NOW)).contains(Duration.ofSeconds(30));
	}

	@Test
	void parseWhenHttpDateInThePastShouldReturnZero() {
		assertThat(RetryAfter.parse(httpDate(NOW.minusSeconds(30)), NOW)).contains(Duration.ZERO);
	}

	@Test
	void parseWhenGarbageShouldReturnEmpty() {
		assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
		assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
		assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
		assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
	}

	@Test
	void parseWhenAbsentShouldReturnEmpty() {
		assertThat(RetryAfter.parse(null, NOW)).isEmpty();
		assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

}
