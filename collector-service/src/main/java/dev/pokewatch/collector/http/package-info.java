/**
 * Outbound HTTP shared by the price sources: timeouts, a client-side throttle, and the
 * project's retry policy ({@code dev.pokewatch.common.retry}: backoff with jitter,
 * {@code Retry-After}) on Resilience4j.
 */
package dev.pokewatch.collector.http;
