package dev.pokewatch.common.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The project's retry policy for outbound HTTP, as a Resilience4j {@link RetryConfig}.
 * <ul>
 * <li>Only a {@link RetryableHttpException} is retried; any other exception passes
 * through at once.</li>
 * <li>The wait before a retry is the server's {@code Retry-After} when it gave one, else
 * {@code initialBackoff × 2^(retry - 1)}, capped at {@code maxBackoff}, plus a random
 * jitter of up to {@code jitter} times that.</li>
 * <li>A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for: that
 * exception propagates at once, so a provider's "come back tomorrow" fails the call
 * rather than hanging it.</li>
 * <li>After {@code maxAttempts} attempts the last {@link RetryableHttpException}
 * propagates.</li>
 * </ul>
 *
 * <p>
 * Example: <pre class="code">
 * Retry retry = HttpRetryPolicy.retry("mlflow", settings);
 * String body = retry.executeSupplier(() -&gt; {
 *     HttpResponse&lt;String&gt; response = send(request);
 *     if (response.statusCode() == 429 || response.statusCode() &gt;= 500) {
 *         throw RetryableHttpException.ofStatus(response.statusCode(),
 *                 response.headers().firstValue("Retry-After").orElse(null), Instant.now());
 *     }
 *     return response.body();
 * });
 * </pre>
 *
 * @since 0.1.0
 */
public final class HttpRetryPolicy {

	private HttpRetryPolicy() {
	}

	/**
	 * Builds a {@link Retry} that follows this policy.
	 * @param name the name of the retry, shown in its events and metrics (such as the
	 * provider's name); not {@code null}
	 * @param settings the settings; not {@code null}
	 * @return a new retry, thread-safe: build one per client and reuse it
	 */
	public static Retry retry(String name, HttpRetrySettings settings) {
		Objects.requireNonNull(name, "'name' must not be null");
		return Retry.of(name, config(settings));
	}

	/**
	 * Builds the {@link RetryConfig} of this policy, for a client that keeps its retries
	 * in a {@link io.github.resilience4j.retry.RetryRegistry}.
	 * @param settings the settings; not {@code null}
	 * @return the configuration
	 */
	public static RetryConfig config(HttpRetrySettings settings) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		IntervalBiFunction<Object> interval = (attempt, outcome) -> {
			Duration retryAfter = (outcome.isLeft() && outcome.getLeft() instanceof RetryableHttpException retryable)
					? retryable.retryAfter().orElse(null) : null;
			return ((retryAfter != null) ? retryAfter : backoff(settings, attempt)).toMillis();
		};
		return RetryConfig.<Object>custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException((ex) -> ex instanceof RetryableHttpException retryable
					&& retryable.retryAfter().map(settings::honours).orElse(true))
			.intervalBiFunction(interval)
			.build();
	}

	/**
	 * The wait before a retry when the server gave no {@code Retry-After}.
	 * @param settings the settings
	 * @param retry the retry about to be made, {@code 1} for the first
	 * @return the backoff with jitter
	 */
	static Duration backoff(HttpRetrySettings settings, int retry) {
		Duration base = settings.initialBackoff().multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 20));
		if (base.compareTo(settings.maxBackoff()) > 0) {
			base = settings.maxBackoff();
		}
		// jitter spreads the retries of concurrent clients so that they do not hit the
		// server in lock-step
		long extra = (long) (base.toMillis() * settings.jitter() * ThreadLocalRandom.current().nextDouble());
		return base.plusMillis(extra);
	}

}
