package dev.pokewatch.serving.ratelimit;

/**
 * Outcome of one request against its bucket, with the values of the rate-limit headers.
 *
 * @param allowed whether the request may proceed
 * @param limit bucket capacity ({@code X-RateLimit-Limit})
 * @param remaining tokens left after this request ({@code X-RateLimit-Remaining})
 * @param resetEpochSeconds when the bucket is full again, epoch seconds rounded up
 * ({@code X-RateLimit-Reset})
 * @param retryAfterSeconds seconds until the next token when rejected (at least 1), else
 * 0 ({@code Retry-After})
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetEpochSeconds,
		long retryAfterSeconds) {

}
