package dev.pokewatch.serving.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitProperties}.
 */
class RateLimitPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindWhenNothingSetShouldUseDefaults() {
		this.runner.run((context) -> {
			RateLimitProperties properties = context.getBean(RateLimitProperties.class);
			assertThat(properties.requestsPerMinute()).isEqualTo(60);
			assertThat(properties.burst()).isEqualTo(10);
			assertThat(properties.redisTimeout()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.redisProbeInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.policy()).isEqualTo(new RateLimitPolicy(60, 10));
		});
	}

	@Test
	void bindWhenEnvStyleValuesShouldBindThem() {
		this.runner
			.withPropertyValues("serving.rate-limit.requests-per-minute=120", "serving.rate-limit.burst=20",
					"serving.rate-limit.redis-probe-interval=1s")
			.run((context) -> {
				RateLimitProperties properties = context.getBean(RateLimitProperties.class);
				assertThat(properties.policy()).isEqualTo(new RateLimitPolicy(120, 20));
				assertThat(properties.redisProbeInterval()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@Test
	void bindWhenBurstIsZeroShouldFailToStart() {
		this.runner.withPropertyValues("serving.rate-limit.burst=0").run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RateLimitProperties.class)
	static class PropertiesConfiguration {

	}

}
