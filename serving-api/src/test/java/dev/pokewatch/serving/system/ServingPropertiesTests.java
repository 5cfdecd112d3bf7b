package dev.pokewatch.serving.system;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.pokewatch.common.served.ModelUpdateMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServingProperties} binding.
 */
class ServingPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingSetShouldUseDefaults() {
		this.runner.run((context) -> {
			ServingProperties properties = context.getBean(ServingProperties.class);
			assertThat(properties.modelDir()).isEqualTo(Path.of("models/baseline"));
			assertThat(properties.batch().maxItems()).isEqualTo(1000);
			assertThat(properties.maxRequestSize().toBytes()).isEqualTo(1024 * 1024);
			assertThat(properties.reload().pollInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.cors().enabled()).isFalse();
			assertThat(properties.reload().redisChannel()).isEqualTo(ModelUpdateMessage.DEFAULT_CHANNEL);
		});
	}

	@Test
	void bindWhenCorsListIsCommaSeparatedShouldTrimAndDropBlanks() {
		this.runner.withPropertyValues("serving.cors.allowed-origins=https://a.example, https://b.example,")
			.run((context) -> assertThat(context.getBean(ServingProperties.class).cors().allowedOrigins())
				.containsExactly("https://a.example", "https://b.example"));
	}

	@Test
	void bindWhenWildcardOriginWithCredentialsShouldFailWithClearMessage() {
		this.runner.withPropertyValues("serving.cors.allowed-origins=*", "serving.cors.allow-credentials=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("must not contain '*'")
				.hasMessageContaining("CORS_ALLOWED_ORIGINS"));
	}

	@Test
	void bindWhenBatchLimitIsZeroShouldFailNamingProperty() {
		this.runner.withPropertyValues("serving.batch.max-items=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("serving.batch.max-items"));
	}

	@Test
	void requestIdWhenCheckedShouldAcceptOnlySaneValues() {
		assertThat(RequestIdFilter.isSane("abc-DEF_1.2")).isTrue();
		assertThat(RequestIdFilter.isSane("a".repeat(128))).isTrue();
		assertThat(RequestIdFilter.isSane("a".repeat(129))).isFalse();
		assertThat(RequestIdFilter.isSane("")).isFalse();
		assertThat(RequestIdFilter.isSane("a b")).isFalse();
		assertThat(RequestIdFilter.isSane("<script>")).isFalse();
		assertThat(RequestIdFilter.generate()).matches("[0-9a-f]{32}").isNotEqualTo(RequestIdFilter.generate());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServingProperties.class)
	static class Config {

	}

}
