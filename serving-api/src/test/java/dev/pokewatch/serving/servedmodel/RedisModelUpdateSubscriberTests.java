package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.system.ServingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisModelUpdateSubscriber} with the application's Redis wiring
 * (Boot's connection factory, the listener container) against a real
 * {@code redis-server}.
 */
@Tag("integration")
class RedisModelUpdateSubscriberTests {

	@TempDir
	Path root;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(SubscriberConfiguration.class);

	@Test
	void messageWhenPublishedOnChannelShouldReloadModel() throws Exception {
		try (RedisTestServer redis = RedisTestServer.start()) {
			Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
			this.runner.withPropertyValues(properties(dir, redis)).run((context) -> {
				assertThat(context).hasSingleBean(RedisModelUpdateSubscriber.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> listening(context));
				TestModels.write(dir, "v2", 2.0);
				assertThat(model(context)).isEqualTo("v1");
				assertThat(publish(context, "v2")).isEqualTo(1);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(model(context)).isEqualTo("v2"));
			});
		}
	}

	@Test
	void messageWhenChannelIsConfiguredShouldListenThere() throws Exception {
		try (RedisTestServer redis = RedisTestServer.start()) {
			Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
			this.runner.withPropertyValues(properties(dir, redis))
				.withPropertyValues("serving.reload.redis-channel=staging:model-updated")
				.run((context) -> {
					await().atMost(Duration.ofSeconds(10)).until(() -> listening(context));
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					assertThat(template.convertAndSend(ModelUpdateMessage.DEFAULT_CHANNEL, "v2")).isZero();
					assertThat(template.convertAndSend("staging:model-updated", "v2")).isEqualTo(1);
				});
		}
	}

	@Test
	void startWhenRedisIsDownShouldRetryAndSubscribeOnceItIsUp() throws Exception {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		try (RedisTestServer redis = RedisTestServer.start()) {
			redis.kill();
			this.runner.withPropertyValues(properties(dir, redis)).run((context) -> {
				// down at start: the app starts, serves the model it has and keeps trying
				assertThat(context).hasNotFailed();
				assertThat(model(context)).isEqualTo("v1");
				redis.restart();
				await().atMost(Duration.ofSeconds(20)).until(() -> listening(context));
				TestModels.write(dir, "v2", 2.0);
				await().atMost(Duration.ofSeconds(10)).until(() -> publish(context, "v2") == 1);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(model(context)).isEqualTo("v2"));
			});
		}
	}

	@Test
	void messageWhenRedisRestartedShouldStillReload() throws Exception {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		try (RedisTestServer redis = RedisTestServer.start()) {
			this.runner.withPropertyValues(properties(dir, redis)).run((context) -> {
				await().atMost(Duration.ofSeconds(10)).until(() -> listening(context));
				redis.kill();
				redis.restart();
				TestModels.write(dir, "v2", 2.0);
				// Lettuce reconnects and subscribes again by itself
				await().atMost(Duration.ofSeconds(20)).until(() -> publishIgnoringFailures(context, "v2") == 1);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(model(context)).isEqualTo("v2"));
			});
		}
	}

	@Test
	void contextWhenNoRedisUrlShouldHaveNoSubscriber() {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		this.runner.withPropertyValues("serving.model-dir=" + dir)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisModelUpdateSubscriber.class));
	}

	private static String[] properties(Path dir, RedisTestServer redis) {
		return new String[] { "serving.model-dir=" + dir, "spring.data.redis.url=" + redis.url() };
	}

	private static boolean listening(AssertableApplicationContext context) {
		return context.getBean(RedisMessageListenerContainer.class).isListening();
	}

	private static String model(AssertableApplicationContext context) {
		return context.getBean(ServedModelHolder.class).require().modelVersion();
	}

	private static long publish(AssertableApplicationContext context, String version) {
		Long receivers = context.getBean(StringRedisTemplate.class)
			.convertAndSend(ModelUpdateMessage.DEFAULT_CHANNEL, version);
		return (receivers != null) ? receivers : 0;
	}

	private static long publishIgnoringFailures(AssertableApplicationContext context, String version) {
		try {
			return publish(context, version);
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The subscriber, the application's Redis configuration and what they need.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServingProperties.class)
	@ComponentScan(basePackages = "dev.pokewatch.serving", useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = "dev\\.pokewatch\\.serving\\.(system\\.RedisConfiguration"
							+ "|servedmodel\\.RedisModelUpdateSubscriber)"))
	static class SubscriberConfiguration {

		@Bean
		ServedModelHolder servedModelHolder(ServingProperties properties) {
			return new ServedModelHolder(properties, new SimpleMeterRegistry());
		}

	}

}
