package dev.pokewatch.serving.alerts;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AlertsProperties}.
 */
class AlertsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingIsSetShouldDisableAlerts() {
		this.runner.withPropertyValues("serving.alerts.webhook-url=").run((context) -> {
			AlertsProperties properties = context.getBean(AlertsProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.maxAttempts()).isEqualTo(5);
		});
	}

	@Test
	void bindWhenUrlHasNoSecretShouldFailNamingTheVariable() {
		this.runner.withPropertyValues("serving.alerts.webhook-url=https://hooks.example/p").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ALERT_WEBHOOK_SECRET");
		});
	}

	@Test
	void toStringWhenSecretIsSetShouldShowNeitherItNorTheUrlQuery() {
		this.runner
			.withPropertyValues("serving.alerts.webhook-url=https://hooks.example/p?token=abc",
					"serving.alerts.webhook-secret=very-secret-value-123")
			.run((context) -> {
				AlertsProperties properties = context.getBean(AlertsProperties.class);
				assertThat(properties.toString()).doesNotContain("very-secret-value-123")
					.doesNotContain("token=abc")
					.contains("https://hooks.example/p");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertsProperties.class)
	static class Config {

	}

}
