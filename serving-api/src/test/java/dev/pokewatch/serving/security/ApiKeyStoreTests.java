package dev.pokewatch.serving.security;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ApiKeyStore}.
 */
class ApiKeyStoreTests {

	private static final String CLIENT_KEY = "pk_client-key-one";

	private static final String ADMIN_KEY = "pk_admin-key";

	@Test
	void matchWhenPlaintextKeyConfiguredShouldMatchWithItsHash() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(CLIENT_KEY), List.of(), List.of(), List.of()));
		assertThat(store.match(CLIENT_KEY)).hasValueSatisfying((match) -> {
			assertThat(match.role()).isEqualTo(ApiKeyRole.CLIENT);
			assertThat(match.keyHash()).isEqualTo(ApiKeyHashes.sha256Hex(CLIENT_KEY));
		});
	}

	@Test
	void matchWhenHashConfiguredShouldMatchThePlaintextKey() {
		String hash = ApiKeyHashes.sha256Hex(CLIENT_KEY).toUpperCase(Locale.ROOT);
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(), List.of(hash), List.of(), List.of()));
		assertThat(store.match(CLIENT_KEY)).isPresent();
		assertThat(store.match(hash)).as("the hash itself is not a key").isEmpty();
	}

	@Test
	void matchWhenKeyDiffersOnlyInCaseOrWhitespaceShouldNotMatch() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(CLIENT_KEY), List.of(), List.of(), List.of()));
		assertThat(store.match(CLIENT_KEY.toUpperCase(Locale.ROOT))).isEmpty();
		assertThat(store.match(CLIENT_KEY + " ")).isEmpty();
		assertThat(store.match("")).isEmpty();
		assertThat(store.match(null)).isEmpty();
	}

	@Test
	void fromWhenEntriesHaveWhitespaceAndEmptiesShouldKeepOnlyTrimmedKeys() {
		// Spring may bind "a, ,b" either as one string or as a list; both must give two
		// keys.
		ApiKeyStore asOneString = ApiKeyStore
			.from(properties(List.of("  pk_a , ,, pk_b  ,"), List.of(), List.of(), List.of()));
		ApiKeyStore asList = ApiKeyStore
			.from(properties(List.of(" pk_a", "", "pk_b "), List.of(), List.of(), List.of()));
		for (ApiKeyStore store : List.of(asOneString, asList)) {
			assertThat(store.count(ApiKeyRole.CLIENT)).isEqualTo(2);
			assertThat(store.match("pk_a")).isPresent();
			assertThat(store.match("pk_b")).isPresent();
			assertThat(store.match(" pk_a")).isEmpty();
		}
	}

	@Test
	void fromWhenNothingConfiguredShouldBeEmpty() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(" ", ","), List.of(""), List.of(), List.of()));
		assertThat(store.isEmpty()).isTrue();
		assertThat(store.match("anything")).isEmpty();
	}

	@Test
	void fromWhenHashIsNotHexShouldFailWithoutEchoingTheValue() {
		String pastedPlaintext = "pk_this-is-a-plaintext-key-in-the-wrong-variable";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ApiKeyStore.from(
					properties(List.of(), List.of(ApiKeyHashes.sha256Hex("x"), pastedPlaintext), List.of(), List.of())))
			.withMessageContaining("Entry 2 of serving.security.api-key-hashes")
			.withMessageNotContaining(pastedPlaintext);
	}

	@Test
	void fromWhenHashHasWrongLengthShouldFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ApiKeyStore
				.from(properties(List.of(), List.of(), List.of(), List.of(ApiKeyHashes.sha256Hex("x").substring(1)))))
			.withMessageContaining("serving.security.admin-api-key-hashes");
	}

	@Test
	void matchWhenAdminKeyShouldHaveAdminRoleAndPermitClientRoutes() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(CLIENT_KEY), List.of(), List.of(ADMIN_KEY),
				List.of(ApiKeyHashes.sha256Hex("pk_admin-two"))));
		ApiKeyMatch admin = store.match(ADMIN_KEY).orElseThrow();
		ApiKeyMatch client = store.match(CLIENT_KEY).orElseThrow();
		assertThat(admin.role()).isEqualTo(ApiKeyRole.ADMIN);
		assertThat(store.match("pk_admin-two"))
			.hasValueSatisfying((m) -> assertThat(m.role()).isEqualTo(ApiKeyRole.ADMIN));
		assertThat(admin.role().permits(RouteAccess.CLIENT)).isTrue();
		assertThat(admin.role().permits(RouteAccess.ADMIN)).isTrue();
		assertThat(client.role().permits(RouteAccess.ADMIN)).isFalse();
		assertThat(store.count(ApiKeyRole.ADMIN)).isEqualTo(2);
	}

	@Test
	void matchWhenKeyIsConfiguredAsClientAndAdminShouldGiveAdmin() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(ADMIN_KEY), List.of(), List.of(ADMIN_KEY), List.of()));
		assertThat(store.match(ADMIN_KEY)).hasValueSatisfying((m) -> assertThat(m.role()).isEqualTo(ApiKeyRole.ADMIN));
	}

	@Test
	void fingerprintsWhenKeysConfiguredShouldBeHashPrefixesOnly() {
		ApiKeyStore store = ApiKeyStore.from(properties(List.of(CLIENT_KEY), List.of(), List.of(), List.of()));
		assertThat(store.fingerprints(ApiKeyRole.CLIENT))
			.containsExactly(ApiKeyHashes.sha256Hex(CLIENT_KEY).substring(0, 8));
		assertThat(store.fingerprints(ApiKeyRole.ADMIN)).isEmpty();
	}

	@Test
	void propertiesToStringWhenKeysConfiguredShouldNotShowThem() {
		SecurityProperties properties = properties(List.of(CLIENT_KEY), List.of(), List.of(ADMIN_KEY), List.of());
		assertThat(properties.toString()).doesNotContain(CLIENT_KEY).doesNotContain(ADMIN_KEY).contains("1 redacted");
	}

	static SecurityProperties properties(List<String> keys, List<String> hashes, List<String> adminKeys,
			List<String> adminHashes) {
		return new SecurityProperties(true, keys, hashes, adminKeys, adminHashes, 10);
	}

}
