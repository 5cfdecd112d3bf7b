package dev.pokewatch.serving.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 digests. Plaintext keys from the
 * configuration are hashed when the store is built and not kept.
 */
public final class ApiKeyStore {

	private final List<Entry> entries;

	private ApiKeyStore(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * Build a store from the four configured lists. Each element may itself hold several
	 * comma-separated keys; whitespace around keys and empty entries are ignored.
	 * @param properties the security settings
	 * @return the store
	 * @throws IllegalArgumentException if a configured hash is not a SHA-256 hex digest
	 */
	public static ApiKeyStore from(SecurityProperties properties) {
		List<Entry> entries = new ArrayList<>();
		addPlaintext(entries, properties.apiKeys(), ApiKeyRole.CLIENT);
		addHashes(entries, properties.apiKeyHashes(), ApiKeyRole.CLIENT, "serving.security.api-key-hashes");
		addPlaintext(entries, properties.adminApiKeys(), ApiKeyRole.ADMIN);
		addHashes(entries, properties.adminApiKeyHashes(), ApiKeyRole.ADMIN, "serving.security.admin-api-key-hashes");
		return new ApiKeyStore(entries);
	}

	/**
	 * Split configured values into single keys.
	 * @param values configured values, each possibly a comma-separated list
	 * @return the non-empty, trimmed entries in order
	 */
	static List<String> splitEntries(Collection<String> values) {
		List<String> result = new ArrayList<>();
		for (String value : values) {
			if (value == null) {
				continue;
			}
			for (String part : value.split(",")) {
				String trimmed = part.strip();
				if (!trimmed.isEmpty()) {
					result.add(trimmed);
				}
			}
		}
		return result;
	}

	private static void addPlaintext(List<Entry> entries, Collection<String> keys, ApiKeyRole role) {
		for (String key : splitEntries(keys)) {
			entries.add(Entry.of(ApiKeyHashes.sha256(key), role));
		}
	}

	private static void addHashes(List<Entry> entries, Collection<String> hashes, ApiKeyRole role, String property) {
		List<String> values = splitEntries(hashes);
		for (int i = 0; i < values.size(); i++) {
			String hash = values.get(i).toLowerCase(Locale.ROOT);
			if (!ApiKeyHashes.isSha256Hex(hash)) {
				// Never echo the value: a plaintext key pasted here by mistake must not
				// reach the logs.
				throw new IllegalArgumentException("Entry " + (i + 1) + " of " + property
						+ " is not a SHA-256 hex digest (64 hex characters); generate one with 'make api-key'");
			}
			entries.add(Entry.of(HexFormat.of().parseHex(hash), role));
		}
	}

	/**
	 * Look up a presented key. Every configured hash is compared, in constant time and
	 * without stopping at the first match, so the response time does not tell which or
	 * how many keys exist.
	 * @param presentedKey the key from the request
	 * @return the match with the strongest role, or empty
	 */
	public Optional<ApiKeyMatch> match(String presentedKey) {
		if (presentedKey == null) {
			return Optional.empty();
		}
		byte[] presented = ApiKeyHashes.sha256(presentedKey);
		Entry best = null;
		for (Entry entry : this.entries) {
			boolean equal = MessageDigest.isEqual(entry.hash(), presented);
			if (equal && (best == null || entry.role().ordinal() > best.role().ordinal())) {
				best = entry;
			}
		}
		return (best != null) ? Optional.of(best.match()) : Optional.empty();
	}

	/**
	 * Whether no key at all is configured.
	 * @return {@code true} if no request can authenticate
	 */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * Count the keys with a role.
	 * @param role the role
	 * @return how many configured keys have it
	 */
	public long count(ApiKeyRole role) {
		return this.entries.stream().filter((entry) -> entry.role() == role).count();
	}

	/**
	 * Loggable fingerprints of the configured keys of a role.
	 * @param role the role
	 * @return the fingerprints in configuration order
	 */
	public List<String> fingerprints(ApiKeyRole role) {
		return this.entries.stream()
			.filter((entry) -> entry.role() == role)
			.map((entry) -> entry.match().fingerprint())
			.toList();
	}

	/**
	 * A configured key.
	 *
	 * @param hash its SHA-256 digest
	 * @param role its role
	 * @param match what a request presenting it is matched to, made once
	 */
	private record Entry(byte[] hash, ApiKeyRole role, ApiKeyMatch match) {

		static Entry of(byte[] hash, ApiKeyRole role) {
			return new Entry(hash, role, new ApiKeyMatch(HexFormat.of().formatHex(hash), role));
		}

	}

}
