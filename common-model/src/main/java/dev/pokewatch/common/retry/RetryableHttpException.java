package dev.pokewatch.common.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Thrown by a client inside a call decorated by {@link HttpRetryPolicy#retry} to say
 * "this outcome is worth repeating", optionally with the wait the server asked for. When
 * the retries end, the last one propagates to the caller of the decorated call.
 *
 * @since 0.1.0
 */
public class RetryableHttpException extends RuntimeException {

	private final transient Duration retryAfter;

	/**
	 * Creates an exception for a retryable outcome.
	 * @param problem what went wrong, such as {@code "HTTP 503"} or
	 * {@code "network error: ..."}; not {@code null}
	 * @param retryAfter the wait the server asked for, or {@code null} to back off
	 * @param cause the underlying exception, may be {@code null}
	 */
	public RetryableHttpException(String problem, Duration retryAfter, Throwable cause) {
		super(problem, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Creates an exception for a retryable HTTP status (typically 429 or a 5xx), reading
	 * its {@code Retry-After} header with {@link RetryAfter#parse}.
	 * @param status the HTTP status
	 * @param retryAfterHeader the {@code Retry-After} header value, may be {@code null}
	 * @param now the current time, to turn an HTTP date into a wait; not {@code null}
	 * @return the exception, with the message {@code "HTTP <status>"}
	 */
	public static RetryableHttpException ofStatus(int status, String retryAfterHeader, Instant now) {
		return new RetryableHttpException("HTTP " + status, RetryAfter.parse(retryAfterHeader, now).orElse(null), null);
	}

	/**
	 * The wait the server asked for.
	 * @return the wait, or empty when the server gave none (or none readable)
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
