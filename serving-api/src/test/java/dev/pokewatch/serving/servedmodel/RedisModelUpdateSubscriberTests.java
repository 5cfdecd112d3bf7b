package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisModelUpdateSubscriber} against a real {@code redis-server}.
 */
@Tag("integration")
class RedisModelUpdateSubscriberTests {

	@TempDir
	Path root;

	@Test
	void messageWhenPublishedOnChannelShouldReloadModel() throws Exception {
		try (RedisTestServer redis = RedisTestServer.start()) {
			Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
			// file watching off: only the Redis message may trigger the reload
			var properties = TestProperties.of(dir, redis.url());
			ServedModelHolder registry = new ServedModelHolder(properties, new SimpleMeterRegistry());
			registry.afterSingletonsInstantiated();
			RedisModelUpdateSubscriber subscriber = new RedisModelUpdateSubscriber(registry, properties);
			subscriber.start();
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				await().atMost(Duration.ofSeconds(10)).until(subscriber::subscribed);
				TestModels.write(dir, "v2", 2.0);
				assertThat(registry.require().modelVersion()).isEqualTo("v1");
				long receivers = connection.sync().publish("pokewatch:model-updated", "v2");
				assertThat(receivers).isEqualTo(1);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry.require().modelVersion()).isEqualTo("v2"));
			}
			finally {
				client.shutdown();
				subscriber.stop();
			}
			assertThat(subscriber.isRunning()).isFalse();
		}
	}

	@Test
	void startWhenRedisIsDownShouldRetryAndSubscribeOnceItIsUp() throws Exception {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		try (RedisTestServer redis = RedisTestServer.start()) {
			redis.kill();
			var properties = TestProperties.of(dir, redis.url());
			ServedModelHolder registry = new ServedModelHolder(properties, new SimpleMeterRegistry());
			registry.afterSingletonsInstantiated();
			RedisModelUpdateSubscriber subscriber = new RedisModelUpdateSubscriber(registry, properties);
			subscriber.start();
			RedisClient client = null;
			try {
				// down at start: the app serves the model it has and keeps trying
				assertThat(registry.require().modelVersion()).isEqualTo("v1");
				redis.restart();
				await().atMost(Duration.ofSeconds(20)).until(subscriber::subscribed);
				TestModels.write(dir, "v2", 2.0);
				client = RedisClient.create(redis.url());
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					assertThat(connection.sync().publish("pokewatch:model-updated", "v2")).isEqualTo(1);
				}
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry.require().modelVersion()).isEqualTo("v2"));
			}
			finally {
				if (client != null) {
					client.shutdown();
				}
				subscriber.stop();
			}
		}
	}

}
