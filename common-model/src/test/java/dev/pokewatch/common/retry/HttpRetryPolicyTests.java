package dev.pokewatch.common.retry;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HttpRetryPolicy}.
 */
class HttpRetryPolicyTests {

	private static final Instant NOW = Instant.parse("2025-10-26T03:00:00Z");

	private final HttpRetrySettings settings = new HttpRetrySettings(3, Duration.ofMillis(100), Duration.ofMillis(300),
			0.5, Duration.ofSeconds(120));

	@Test
	void waitWhenServerGaveRetryAfterSecondsShouldBeThatLong() {
		assertThat(waitBefore(1, RetryableHttpException.ofStatus(429, "7", NOW))).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void waitWhenServerGaveRetryAfterDateShouldLastUntilThatDate() {
		String date = "Sun, 26 Oct 2025 03:00:30 GMT";
		assertThat(waitBefore(1, RetryableHttpException.ofStatus(503, date, NOW))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void waitWhenRetryAfterDateIsPastShouldBeZero() {
		String date = "Sun, 26 Oct 2025 02:59:00 GMT";
		assertThat(waitBefore(2, RetryableHttpException.ofStatus(503, date, NOW))).isZero();
	}

	@Test
	void waitWhenRetryAfterIsGarbageShouldBackOff() {
		assertThat(waitBefore(1, RetryableHttpException.ofStatus(503, "later", NOW))).isBetween(Duration.ofMillis(100),
				Duration.ofMillis(150));
	}

	@Test
	void waitWhenNoRetryAfterShouldBackOffExponentiallyWithJitterUpToTheMaximum() {
		RetryableHttpException ex = new RetryableHttpException("network error", null, null);
		assertThat(waitBefore(1, ex)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
		assertThat(waitBefore(2, ex)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
		assertThat(waitBefore(3, ex)).isBetween(Duration.ofMillis(300), Duration.ofMillis(450));
		assertThat(waitBefore(40, ex)).isBetween(Duration.ofMillis(300), Duration.ofMillis(450));
	}

	@Test
	void retryWhenRetryableFailurePersistsShouldMakeMaxAttemptsThenRethrowTheLast() {
		Retry retry = HttpRetryPolicy.retry("test", fast(3));
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RetryableHttpException.class).isThrownBy(() -> retry.executeSupplier(() -> {
			throw new RetryableHttpException("HTTP 50" + calls.incrementAndGet(), null, null);
		})).withMessage("HTTP 503");
		assertThat(calls).hasValue(3);
	}

	@Test
	void retryWhenRetryableFailureThenSuccessShouldReturnTheResult() {
		Retry retry = HttpRetryPolicy.retry("test", fast(3));
		List<Duration> waits = new CopyOnWriteArrayList<>();
		retry.getEventPublisher().onRetry((event) -> waits.add(event.getWaitInterval()));
		AtomicInteger calls = new AtomicInteger();
		String result = retry.executeSupplier(() -> {
			if (calls.incrementAndGet() == 1) {
				throw RetryableHttpException.ofStatus(429, "0", NOW);
			}
			return "ok";
		});
		assertThat(result).isEqualTo("ok");
		assertThat(calls).hasValue(2);
		assertThat(waits).containsExactly(Duration.ZERO);
	}

	@Test
	void retryWhenOtherExceptionShouldPassItThroughAtOnce() {
		Retry retry = HttpRetryPolicy.retry("test", fast(3));
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> retry.executeSupplier(() -> {
			calls.incrementAndGet();
			throw new UncheckedIOException(new java.io.IOException("HTTP 401"));
		}));
		assertThat(calls).hasValue(1);
	}

	@Test
	void retryWhenRetryAfterLongerThanMaximumShouldGiveUpAtOnce() {
		Retry retry = HttpRetryPolicy.retry("test", fast(3));
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RetryableHttpException.class).isThrownBy(() -> retry.executeSupplier(() -> {
			calls.incrementAndGet();
			throw RetryableHttpException.ofStatus(429, "3600", NOW);
		})).satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofHours(1)));
		assertThat(calls).hasValue(1);
	}

	@Test
	void retryWhenOneAttemptShouldNeverRetry() {
		Retry retry = HttpRetryPolicy.retry("test", fast(1));
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RetryableHttpException.class).isThrownBy(() -> retry.executeSupplier(() -> {
			calls.incrementAndGet();
			throw new RetryableHttpException("HTTP 503", null, null);
		}));
		assertThat(calls).hasValue(1);
	}

	@Test
	void settingsWhenInvalidShouldSayWhich() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HttpRetrySettings(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
			.withMessage("'maxAttempts' must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HttpRetrySettings(1, Duration.ofMillis(-1), Duration.ZERO, 0, Duration.ZERO))
			.withMessage("'initialBackoff' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HttpRetrySettings(1, Duration.ZERO, Duration.ZERO, -0.1, Duration.ZERO))
			.withMessage("'jitter' must not be negative");
	}

	private Duration waitBefore(int retry, Throwable failure) {
		RetryConfig config = HttpRetryPolicy.config(this.settings);
		@SuppressWarnings("unchecked")
		Long millis = ((io.github.resilience4j.core.IntervalBiFunction<Object>) config.getIntervalBiFunction())
			.apply(retry, Either.left(failure));
		return Duration.ofMillis(millis);
	}

	private static HttpRetrySettings fast(int maxAttempts) {
		return new HttpRetrySettings(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(2), 0.5,
				Duration.ofSeconds(120));
	}

}
