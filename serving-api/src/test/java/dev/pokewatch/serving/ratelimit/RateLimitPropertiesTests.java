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
			assertThat(properties.redisEnabled()).isFalse();
			assertThat(properties.redisTimeout()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.redisProbeInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.policy()).isEqualTo(new RateLimitPolicy(60, 10));
		});
	}

	@Test
	void bindWhenEnvStyleValuesShouldBindThem() {
		this.runner
			.withPropertyValues("serving.rate-limit.requests-per-minute=120", "serving.rate-limit.burst=20",
					"serving.rate-limit.redis-url=redis://:secret@redis.internal:6379")
			.run((context) -> {
				RateLimitProperties properties = context.getBean(RateLimitProperties.class);
				assertThat(properties.policy()).isEqualTo(new RateLimitPolicy(120, 20));
				assertThat(properties.redisEnabled()).isTrue();
				assertThat(properties.toString()).doesNotContain("secret");
			});
	}

	@Test
	void bindWhenBlankRedisUrlShouldKeepBucketsLocal() {
		this.runner.withPropertyValues("serving.rate-limit.redis-url= ")
			.run((context) -> assertThat(context.getBean(RateLimitProperties.class).redisEnabled()).isFalse());
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
