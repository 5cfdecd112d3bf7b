package dev.pokewatch.serving.security;

/**
 * A presented key that matched a configured one.
 *
 * @param keyHash SHA-256 hex of the key, used to key rate-limit buckets
 * @param role what the key may do
 */
public record ApiKeyMatch(String keyHash, ApiKeyRole role) {

	public ApiKeyMatch {
		if (keyHash == null) {
			throw new IllegalArgumentException("'keyHash' must not be null");
		}
		if (role == null) {
			throw new IllegalArgumentException("'role' must not be null");
		}
	}

	/**
	 * A loggable label for the key.
	 * @return the hash fingerprint
	 */
	public String fingerprint() {
		return ApiKeyHashes.fingerprint(this.keyHash);
	}

}
