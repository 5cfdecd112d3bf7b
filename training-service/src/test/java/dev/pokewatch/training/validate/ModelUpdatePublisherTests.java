package dev.pokewatch.training.validate;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.pokewatch.common.served.ModelUpdateMessage;
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

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.context.properties.EnableConfigurationProperties(RedisProperties.class)
	@org.springframework.context.annotation.Import(ModelUpdatePublisher.class)
	static class PublisherConfiguration {

	}

}
