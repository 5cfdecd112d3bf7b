package dev.pokewatch.serving.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecurityProperties}.
 */
class SecurityPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindWhenNothingSetShouldEnableAuthWithoutKeys() {
		this.runner.run((context) -> {
			SecurityProperties properties = context.getBean(SecurityProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.apiKeys()).isEmpty();
			assertThat(properties.adminApiKeyHashes()).isEmpty();
			assertThat(properties.authFailuresPerMinute()).isEqualTo(10);
			assertThat(ApiKeyStore.from(properties).isEmpty()).isTrue();
		});
	}

	@Test
	void bindWhenEmptyEnvValuesShouldGiveNoKeys() {
		// What ${API_KEYS:} and friends resolve to when the variables are unset.
		this.runner
			.withPropertyValues("serving.security.api-keys=", "serving.security.api-key-hashes=",
					"serving.security.admin-api-keys=", "serving.security.admin-api-key-hashes=")
			.run((context) -> assertThat(ApiKeyStore.from(context.getBean(SecurityProperties.class)).isEmpty())
				.isTrue());
	}

	@Test
	void bindWhenCommaSeparatedWithSpacesShouldGiveEachKey() {
		this.runner
			.withPropertyValues("serving.security.api-keys= pk_a ,pk_b,, ",
					"serving.security.admin-api-key-hashes=" + ApiKeyHashes.sha256Hex("pk_admin"),
					"serving.security.enabled=false")
			.run((context) -> {
				SecurityProperties properties = context.getBean(SecurityProperties.class);
				ApiKeyStore store = ApiKeyStore.from(properties);
				assertThat(properties.enabled()).isFalse();
				assertThat(store.count(ApiKeyRole.CLIENT)).isEqualTo(2);
				assertThat(store.match("pk_b")).isPresent();
				assertThat(store.match("pk_admin"))
					.hasValueSatisfying((match) -> assertThat(match.role()).isEqualTo(ApiKeyRole.ADMIN));
			});
	}

	@Test
	void bindWhenFailureLimitIsZeroShouldFailToStart() {
		this.runner.withPropertyValues("serving.security.auth-failures-per-minute=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	static class PropertiesConfiguration {

	}

}
