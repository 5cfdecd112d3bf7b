package dev.pokewatch.serving.ratelimit;

/**
 * Takes one token from the bucket of a client.
 */
interface RateLimiter {

	/**
	 * Consume one token.
	 * @param bucketKey the client's bucket, e.g. {@code key:<sha256>} or
	 * {@code addr:<address>}; never a plaintext key
	 * @return the decision
	 */
	RateLimitDecision tryConsume(String bucketKey);

}
