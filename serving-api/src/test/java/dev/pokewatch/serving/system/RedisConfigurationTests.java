package dev.pokewatch.serving.system;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.mock.env.MockEnvironment;

import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisConfiguration}, {@link RedisUrlCondition} and
 * {@link RedisAutoConfigurationFilter}.
 */
@Tag("integration")
class RedisConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(RedisConfiguration.class);

	@Test
	void healthWhenRedisAnswersShouldBeUp() throws Exception {
		try (RedisTestServer redis = RedisTestServer.start()) {
			this.runner.withPropertyValues("spring.data.redis.url=" + redis.url())
				.run((context) -> assertThat(health(context.getBean("redisHealthIndicator", HealthIndicator.class)))
					.isEqualTo(Status.UP));
		}
	}

	@Test
	void healthWhenRedisIsDownShouldBeDegradedNeverDown() {
		this.runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + TestEnvironment.freePort())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisMessageListenerContainer.class);
				assertThat(health(context.getBean("redisHealthIndicator", HealthIndicator.class)))
					.isEqualTo(RedisConfiguration.DEGRADED);
			});
	}

	@Test
	void contextWhenNoUrlShouldHaveNoApplicationRedisBeans() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("redisHealthIndicator"));
	}

	@Test
	void contextWhenUrlIsUnusableShouldFailWithoutRepeatingIt() {
		this.runner.withPropertyValues("spring.data.redis.url=http://user:s3cret-pw@redis.internal:6379")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("spring.data.redis.url (REDIS_URL) is not a Redis URL")
				.hasMessageNotContaining("s3cret-pw"));
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisUrlCondition
				.isConfigured(new MockEnvironment().withProperty(RedisUrlCondition.PROPERTY, "redis://:pw@")))
			.withMessageNotContaining("pw");
	}

	@Test
	void filterWhenNoUrlShouldLeaveOutOnlyBootRedisAutoConfigurations() {
		String[] candidates = { DataRedisAutoConfiguration.class.getName(),
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration", null };
		RedisAutoConfigurationFilter filter = new RedisAutoConfigurationFilter();
		filter.setEnvironment(new MockEnvironment().withProperty(RedisUrlCondition.PROPERTY, ""));
		assertThat(filter.match(candidates, null)).containsExactly(false, true, true);
		filter.setEnvironment(new MockEnvironment().withProperty(RedisUrlCondition.PROPERTY, "redis://redis:6379"));
		assertThat(filter.match(candidates, null)).containsExactly(true, true, true);
	}

	private static Status health(HealthIndicator indicator) {
		return indicator.health().getStatus();
	}

}
