/**
 * Outbound HTTP shared by the price sources: timeouts, retries with backoff and jitter,
 * {@code Retry-After}, and a client-side throttle.
 */
package dev.pokewatch.collector.http;
