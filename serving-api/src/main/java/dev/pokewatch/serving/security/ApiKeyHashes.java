package dev.pokewatch.serving.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 hashing of API keys, identical to {@code scripts/api-key.sh}: the digest of the
 * key's UTF-8 bytes as 64 lowercase hex characters.
 */
public final class ApiKeyHashes {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	private static final int FINGERPRINT_LENGTH = 8;

	/** Never used itself, only cloned: one instance is not thread-safe. */
	private static final MessageDigest SHA256 = sha256Prototype();

	private ApiKeyHashes() {
	}

	/**
	 * Hash a key.
	 * @param key the plaintext key
	 * @return the SHA-256 digest as lowercase hex
	 */
	public static String sha256Hex(String key) {
		return HexFormat.of().formatHex(sha256(key));
	}

	/**
	 * A short, non-secret label for a key hash that is safe to log.
	 * @param sha256Hex the key's SHA-256 hex digest
	 * @return the first eight hex characters
	 */
	public static String fingerprint(String sha256Hex) {
		return sha256Hex.substring(0, FINGERPRINT_LENGTH);
	}

	static byte[] sha256(String key) {
		try {
			// a clone skips the provider lookup of getInstance, which every request paid
			// (issue 9: about 3 % of a /predict's CPU)
			return ((MessageDigest) SHA256.clone()).digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", ex);
		}
	}

	private static MessageDigest sha256Prototype() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	static boolean isSha256Hex(String value) {
		return SHA256_HEX.matcher(value).matches();
	}

}
