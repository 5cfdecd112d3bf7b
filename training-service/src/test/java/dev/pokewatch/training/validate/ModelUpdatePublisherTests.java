package dev.pokewatch.training.validate;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ModelUpdatePublisher} on Spring Boot's auto-configured Redis
 * connection, against a real {@code redis-server}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelUpdatePublisherTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(PublisherConfiguration.class)
		.withPropertyValues("spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=2s");

	@Test
	@Tag("integration")
	void publishWhenRedisRunsShouldDeliverModelVersionOnDefaultChannel() throws Exception {
		RedisTestServer redis = RedisTestServer.start();
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					received.add(channel + "=" + message);
				}
			});
			subscriber.sync().subscribe(ModelUpdateMessage.DEFAULT_CHANNEL);
			this.contextRunner.withPropertyValues("spring.data.redis.url=" + redis.url()).run((context) -> {
				ModelUpdatePublisher publisher = context.getBean(ModelUpdatePublisher.class);
				assertThat(publisher.isEnabled()).isTrue();
				assertThat(publisher.publish("ewma_3-v9")).isEqualTo(1);
			});
			assertThat(received.poll(10, TimeUnit.SECONDS))
				.isEqualTo(ModelUpdateMessage.DEFAULT_CHANNEL + "=ewma_3-v9");
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			redis.close();
		}
	}

	@Test
	@Tag("integration")
	void publishWhenChannelConfiguredShouldUseIt() throws Exception {
		try (RedisTestServer redis = RedisTestServer.start()) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.url=" + redis.url(), "training.redis.channel=custom:channel")
				.run((context) -> {
					ModelUpdatePublisher publisher = context.getBean(ModelUpdatePublisher.class);
					assertThat(publisher.channel()).isEqualTo("custom:channel");
					assertThat(publisher.publish("v1")).isZero();
				});
		}
	}

	@Test
	void publishWhenNoUrlShouldNotPublishNorConnect() throws Exception {
		// host and port point at a listening socket: any connection attempt would show
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			server.setSoTimeout(300);
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1",
						"spring.data.redis.port=" + server.getLocalPort())
				.run((context) -> {
					ModelUpdatePublisher publisher = context.getBean(ModelUpdatePublisher.class);
					assertThat(publisher.isEnabled()).isFalse();
					assertThat(publisher.publish("v")).isEqualTo(ModelUpdatePublisher.NOT_PUBLISHED);
					assertThat(publisher.channel()).isEqualTo(ModelUpdateMessage.DEFAULT_CHANNEL);
				});
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(server::accept);
		}
	}

	@Test
	void publishWhenRedisUnreachableShouldWarnAndNotFail(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.data.redis.url=redis://:s3cret-pass@127.0.0.1:" + TestEnvironment.freePort())
			.run((context) -> assertThat(context.getBean(ModelUpdatePublisher.class).publish("v"))
				.isEqualTo(ModelUpdatePublisher.NOT_PUBLISHED));
		assertThat(output).contains("Model-updated notification skipped").doesNotContain("s3cret-pass");
	}

	@Test
	@Tag("integration")
	void publishFeaturesShouldWriteEachCardsLatestRowThenTheMetadataAndPointer(@TempDir Path modelDir)
			throws Exception {
		LocalDate day = LocalDate.of(2026, 8, 20);
		ServedFeaturesCodec.write(modelDir.resolve(ModelMetadata.DEFAULT_FEATURES_FILE),
				List.of(new ServedFeaturesCodec.Row("a", "Alpha", "Set", "holo", day, 10.0, 9.5, 0.02, false),
						new ServedFeaturesCodec.Row("a", "Alpha", "Set", "holo", day.plusDays(1), 11.0, 9.75, 0.021,
								true),
						// a last day without a market price is not a day a prediction
						// answers
						new ServedFeaturesCodec.Row("b", "Beta", null, null, day, 4.0, null, null, false),
						new ServedFeaturesCodec.Row("b", "Beta", null, null, day.plusDays(2), null, 4.1, 0.03, false)));
		ModelMetadata metadata = new ModelMetadata("sma", 7, "2026-08-22T00:00:00Z", null, null, "p", 1, Map.of(),
				ModelMetadata.Thresholds.of(SignalRule.DEFAULT), "sma_7-v2", "0".repeat(64), null, 2, null, 7, null);
		Files.writeString(modelDir.resolve(ModelMetadata.FILE_NAME), "{\"model_version\":\"sma_7-v2\"}");
		try (RedisTestServer redis = RedisTestServer.start()) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.url=" + redis.url(), "training.redis.features.ttl=2d")
				.run((context) -> assertThat(
						context.getBean(ModelUpdatePublisher.class).publishFeatures(modelDir, metadata))
					.isEqualTo(2));
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> commands = connection.sync();
				String prefix = OnlineFeatures.DEFAULT_PREFIX;
				assertThat(commands.get(OnlineFeatures.currentKey(prefix))).isEqualTo("sma_7-v2");
				assertThat(commands.get(OnlineFeatures.metadataKey(prefix, "sma_7-v2")))
					.isEqualTo("{\"model_version\":\"sma_7-v2\"}");
				String keyA = OnlineFeatures.cardKey(prefix, "sma_7-v2", "a");
				assertThat(OnlineFeatures.Card.fromHash("a", commands.hgetall(keyA))).isEqualTo(
						new OnlineFeatures.Card("a", "Alpha", "Set", "holo", day.plusDays(1), 11.0, 9.75, 0.021, true));
				OnlineFeatures.Card b = OnlineFeatures.Card.fromHash("b",
						commands.hgetall(OnlineFeatures.cardKey(prefix, "sma_7-v2", "b")));
				assertThat(b.date()).isEqualTo(day);
				assertThat(b.fairPrice()).isNaN();
				assertThat(commands.ttl(keyA)).isBetween(Duration.ofDays(2).toSeconds() - 60,
						Duration.ofDays(2).toSeconds());
				assertThat(commands.ttl(OnlineFeatures.currentKey(prefix))).isEqualTo(-1);
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void publishFeaturesWhenDisabledOrNoUrlShouldWriteNothing(@TempDir Path modelDir) {
		ModelMetadata metadata = new ModelMetadata("sma", 7, "t", null, null, "p", 1, Map.of(),
				ModelMetadata.Thresholds.of(SignalRule.DEFAULT), "v", "0".repeat(64), null, 0, null, 7, null);
		this.contextRunner.run((context) -> {
			ModelUpdatePublisher publisher = context.getBean(ModelUpdatePublisher.class);
			assertThat(publisher.writesFeatures()).isFalse();
			assertThat(publisher.publishFeatures(modelDir, metadata)).isEqualTo(ModelUpdatePublisher.NOT_PUBLISHED);
		});
		this.contextRunner
			.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + TestEnvironment.freePort(),
					"training.redis.features.enabled=false")
			.run((context) -> assertThat(context.getBean(ModelUpdatePublisher.class).writesFeatures()).isFalse());
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.context.properties.EnableConfigurationProperties(RedisProperties.class)
	@org.springframework.context.annotation.Import(ModelUpdatePublisher.class)
	static class PublisherConfiguration {

	}

}
