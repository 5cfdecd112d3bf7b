/**
 * One retry policy for every outbound HTTP client of the project, built on Resilience4j:
 * {@code Retry-After} (delay seconds or HTTP date) when the server gives one, exponential
 * backoff with jitter otherwise, and a cap above which the client gives up instead of
 * waiting.
 *
 * <p>
 * A client builds a {@link io.github.resilience4j.retry.Retry} once with
 * {@link dev.pokewatch.common.retry.HttpRetryPolicy#retry}, and inside the decorated call
 * throws a {@link dev.pokewatch.common.retry.RetryableHttpException} for an outcome worth
 * repeating (a 429, a 5xx, a lost connection, as the client sees fit). Every other
 * exception passes through at once.
 */
package dev.pokewatch.common.retry;
