package dev.pokewatch.serving.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body: {@code sha256=<hex HMAC-SHA256 of the body bytes>},
 * keyed by the shared secret, sent in {@value #HEADER}. A receiver computes the same over
 * the bytes it read and compares in constant time.
 */
final class WebhookSignature {

	/** The header carrying the signature. */
	static final String HEADER = "X-PokeWatch-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	/**
	 * Signs a body.
	 * @param secret the shared secret
	 * @param body the exact bytes sent
	 * @return {@code sha256=} and the lower-case hex HMAC
	 */
	static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// every JDK ships HmacSHA256, and any non-empty key is valid for it
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
