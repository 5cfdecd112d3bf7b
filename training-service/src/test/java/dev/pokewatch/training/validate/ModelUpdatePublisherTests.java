package dev.pokewatch.training.validate;

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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelUpdatePublisher} against a real {@code redis-server}.
 */
class ModelUpdatePublisherTests {

	private static final String CHANNEL = "pokewatch:model-updated";

	@Test
	@Tag("integration")
	void publishWhenRedisRunsShouldDeliverModelVersionToSubscribers() throws Exception {
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
			subscriber.sync().subscribe(CHANNEL);
			long receivers = new ModelUpdatePublisher(redis.url(), CHANNEL).publish("ewma_3-v9");
			assertThat(receivers).isEqualTo(1);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(CHANNEL + "=ewma_3-v9");
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			redis.close();
		}
	}

	@Test
	void publishWhenRedisUnreachableShouldWarnAndReturnMinusOne() {
		assertThat(new ModelUpdatePublisher("redis://127.0.0.1:" + TestEnvironment.freePort(), CHANNEL).publish("v"))
			.isEqualTo(-1);
		assertThat(new ModelUpdatePublisher("", CHANNEL).publish("v")).isEqualTo(-1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void publishWhenUrlMalformedShouldWarnWithoutRepeatingThePassword(CapturedOutput output) {
		assertThat(new ModelUpdatePublisher("bogus://:s3cret-pass@host:6379", CHANNEL).publish("v")).isEqualTo(-1);

		assertThat(output).contains("REDIS_URL is not a valid Redis URL").doesNotContain("s3cret-pass");
		assertThat(new RedisProperties("redis://:s3cret-pass@host:6379", CHANNEL).toString())
			.doesNotContain("s3cret-pass");
	}

}
