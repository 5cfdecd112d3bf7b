package dev.pokewatch.serving.security;

import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API-key settings bound from {@code serving.security.*}.
 *
 * @param enabled whether protected routes need a key ({@code AUTH_ENABLED}); turn off for
 * local experiments only
 * @param apiKeys plaintext client keys ({@code API_KEYS}), hashed at start
 * @param apiKeyHashes SHA-256 hex digests of client keys ({@code API_KEY_HASHES})
 * @param adminApiKeys plaintext admin keys ({@code ADMIN_API_KEYS}), hashed at start
 * @param adminApiKeyHashes SHA-256 hex digests of admin keys
 * ({@code ADMIN_API_KEY_HASHES})
 * @param authFailuresPerMinute failed key attempts one client address may make per minute
 * before it gets 429
 */
@Validated
@ConfigurationProperties("serving.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> apiKeys,
		@DefaultValue List<String> apiKeyHashes, @DefaultValue List<String> adminApiKeys,
		@DefaultValue List<String> adminApiKeyHashes, @DefaultValue("10") @Min(1) int authFailuresPerMinute) {

	public SecurityProperties {
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		apiKeyHashes = (apiKeyHashes != null) ? List.copyOf(apiKeyHashes) : List.of();
		adminApiKeys = (adminApiKeys != null) ? List.copyOf(adminApiKeys) : List.of();
		adminApiKeyHashes = (adminApiKeyHashes != null) ? List.copyOf(adminApiKeyHashes) : List.of();
	}

	/**
	 * Keeps plaintext keys out of anything that prints this record (logs, debuggers,
	 * failure analyzers).
	 */
	@Override
	public String toString() {
		return "SecurityProperties[enabled=" + this.enabled + ", apiKeys=<" + this.apiKeys.size()
				+ " redacted>, apiKeyHashes=<" + this.apiKeyHashes.size() + ">, adminApiKeys=<"
				+ this.adminApiKeys.size() + " redacted>, adminApiKeyHashes=<" + this.adminApiKeyHashes.size()
				+ ">, authFailuresPerMinute=" + this.authFailuresPerMinute + "]";
	}

}
