package dev.pokewatch.serving.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Counts failed key attempts per client address in a token bucket ({@code n} failures,
 * refilled at {@code n} per minute) and blocks an address whose bucket is empty. Local to
 * this instance: a key guesser spread over replicas gets {@code n} per replica.
 * <p>
 * Clients behind one NAT share an address, so a block must not lock out the neighbours
 * already using a valid key: a key that authenticated from an address within the last
 * {@link #TRUST_TTL} stays admitted there during a block. A guesser gains nothing from
 * this: a key never seen from the address, right or wrong, still gets the block's 429, so
 * a blocked address learns nothing about its guesses.
 */
final class AuthFailureLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final long failuresPerMinute;

	private final TimeMeter time;

	/** How long a successful (address, key) pair stays admitted through a block. */
	static final Duration TRUST_TTL = Duration.ofMinutes(30);

	private final Cache<String, Bucket> buckets;

	private final Cache<String, Boolean> trusted;

	AuthFailureLimiter(long failuresPerMinute, long maxAddresses, TimeMeter time) {
		this.failuresPerMinute = failuresPerMinute;
		this.time = time;
		// An idle bucket is full again after one minute, so forgetting it loses nothing.
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxAddresses)
			.expireAfterAccess(Duration.ofMinutes(1))
			.ticker(time::currentTimeNanos)
			.build();
		this.trusted = Caffeine.newBuilder()
			.maximumSize(maxAddresses)
			.expireAfterWrite(TRUST_TTL)
			.ticker(time::currentTimeNanos)
			.build();
	}

	/**
	 * Record a successful authentication.
	 * @param address the client address
	 * @param keyFingerprint the fingerprint of the key that matched
	 */
	void recordSuccess(String address, String keyFingerprint) {
		this.trusted.put(address + " " + keyFingerprint, Boolean.TRUE);
	}

	/**
	 * Whether a key authenticated from an address recently, so that a block of the
	 * address does not apply to it.
	 * @param address the client address
	 * @param keyFingerprint the fingerprint of the presented key
	 * @return {@code true} for a recently successful pair
	 */
	boolean trusted(String address, String keyFingerprint) {
		return this.trusted.getIfPresent(address + " " + keyFingerprint) != null;
	}

	/**
	 * Seconds until the address may try again.
	 * @param address the client address
	 * @return 0 when the address is not blocked, else at least 1
	 */
	long blockedForSeconds(String address) {
		Bucket bucket = this.buckets.getIfPresent(address);
		if (bucket == null) {
			return 0;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return (nanos <= 0) ? 0 : Math.max(1, Math.ceilDiv(nanos, NANOS_PER_SECOND));
	}

	/**
	 * Record a failed attempt.
	 * @param address the client address
	 * @return {@code true} if this failure used the address's last allowance
	 */
	boolean recordFailure(String address) {
		Bucket bucket = this.buckets.get(address, (key) -> newBucket());
		bucket.tryConsume(1);
		return bucket.getAvailableTokens() < 1;
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.failuresPerMinute)
				.refillGreedy(this.failuresPerMinute, Duration.ofMinutes(1)))
			.withCustomTimePrecision(this.time)
			.build();
	}

}
