package dev.pokewatch.collector.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.common.retry.HttpRetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RetryingHttpClient}.
 */
class RetryingHttpClientTests {

	private static final Instant NOW = Instant.parse("2025-10-26T03:00:00Z");

	private final StubServer server = new StubServer();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void getWhenTooManyRequestsWithRetryAfterSecondsShouldWaitThatLongThenSucceed() {
		this.server.on("/prices", Reply.status(429, "Retry-After", "1"), Reply.ok("{\"ok\":true}"));
		String body = client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of());
		assertThat(body).isEqualTo("{\"ok\":true}");
		assertThat(this.server.requests()).hasSize(2);
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void getWhenTooManyRequestsWithRetryAfterDateShouldWaitUntilThatDate() {
		// the clock is fixed: the wait is exactly the distance to the date (the upper
		// bounds leave room for a loaded machine, not for a wait of minutes)
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.ofInstant(NOW.plusSeconds(1), ZoneOffset.UTC));
		this.server.on("/prices", Reply.status(503, "Retry-After", date), Reply.ok("{}"));
		client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of());
		assertThat(this.server.requests()).hasSize(2);
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void getWhenRetryAfterLongerThanMaximumShouldGiveUpSayingSo() {
		this.server.on("/prices", Reply.status(429, "Retry-After", "3600"));
		assertThatExceptionOfType(HttpExchangeException.class)
			.isThrownBy(() -> client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of()))
			.withMessageContaining("HTTP 429")
			.withMessageContaining("retry after 3600 s, longer than the configured maximum of 120 s");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void getWhenServerErrorsShouldBackOffExponentiallyThenSucceed() {
		this.server.on("/prices", Reply.status(500), Reply.status(503), Reply.ok("{\"n\":1}"));
		String body = client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of());
		assertThat(body).isEqualTo("{\"n\":1}");
		assertThat(this.server.requests()).hasSize(3);
		// initial backoff 100 ms doubled, plus jitter of at most 50 %
		assertThat(gap(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(gap(1, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		// not seconds per attempt (450 ms at most, plus room for a loaded machine)
		assertThat(gap(0, 2)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void getWhenReadTimesOutShouldRetryThenSucceed() {
		this.server.on("/prices", Reply.hang(), Reply.ok("{\"late\":false}"));
		String body = client(Duration.ofSeconds(1)).get(uri("/prices"), Map.of());
		assertThat(body).isEqualTo("{\"late\":false}");
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void getWhenServerErrorPersistsShouldGiveUpAfterMaxAttempts() {
		this.server.on("/prices", Reply.status(502));
		assertThatExceptionOfType(HttpExchangeException.class)
			.isThrownBy(() -> client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of()))
			.withMessageContaining("gave up after 3 attempts")
			.withMessageContaining("HTTP 502");
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void getWhenClientErrorShouldNotRetry() {
		this.server.on("/prices", Reply.status(401));
		assertThatExceptionOfType(HttpStatusException.class)
			.isThrownBy(() -> client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void getWhenHeadersGivenShouldSendThem() {
		this.server.on("/prices", Reply.ok("{}"));
		client(Duration.ofSeconds(5)).get(uri("/prices"), Map.of("Authorization", "Bearer abc"));
		assertThat(this.server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.authorization()).isEqualTo("Bearer abc"));
	}

	@Test
	void getWhenThrottledShouldSpaceRequests() {
		this.server.on("/prices", Reply.ok("{}"));
		HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), retrySettings(), 60);
		RetryingHttpClient client = new RetryingHttpClient("test", settings, this.clock, this.sleeper);
		client.get(uri("/prices"), Map.of());
		client.get(uri("/prices"), Map.of());
		// the clock stands still, so the second request waits a whole interval
		assertThat(this.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
	}

	private RetryingHttpClient client(Duration readTimeout) {
		HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), readTimeout, retrySettings(), 0);
		return new RetryingHttpClient("test", settings, this.clock, this.sleeper);
	}

	private static HttpRetrySettings retrySettings() {
		return new HttpRetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(10), 0.5, Duration.ofSeconds(120));
	}

	private Duration gap(int from, int to) {
		List<StubServer.Request> requests = this.server.requests();
		return requests.get(to).since(requests.get(from));
	}

	private URI uri(String path) {
		return this.server.baseUri().resolve(path);
	}

}
