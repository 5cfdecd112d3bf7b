package dev.pokewatch.serving.watchlist;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.pokewatch.common.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisWatchlistStore} against a real {@code redis-server}: two stores
 * (two replicas) see one set of watchlists.
 */
@Tag("integration")
class RedisWatchlistStoreTests {

	private RedisTestServer redis;

	private LettuceConnectionFactory connections;

	@BeforeEach
	void startRedis() throws Exception {
		this.redis = RedisTestServer.start();
		this.connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
	}

	@AfterEach
	void stopRedis() throws Exception {
		if (this.connections != null) {
			this.connections.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void storesWhenSharingRedisShouldSeeOneSetOfWatchlists() {
		RedisWatchlistStore replicaA = store();
		RedisWatchlistStore replicaB = store();
		assertThat(replicaA.add("owner-a", "card-1", 2)).isTrue();
		assertThat(replicaB.add("owner-a", "card-2", 2)).isTrue();
		assertThat(replicaB.add("owner-a", "card-3", 2)).as("full").isFalse();
		assertThat(replicaA.add("owner-b", "card-1", 2)).isTrue();
		assertThat(replicaB.remove("owner-b", "card-1")).isTrue();

		assertThat(replicaB.cards("owner-a")).containsExactlyInAnyOrder("card-1", "card-2");
		assertThat(replicaA.all()).isEqualTo(Map.of("owner-a", Set.of("card-1", "card-2")));
		assertThat(new StringRedisTemplate(this.connections).hasKey("pokewatch:watchlist:owner-a")).isTrue();
	}

	private RedisWatchlistStore store() {
		return new RedisWatchlistStore(new StringRedisTemplate(this.connections), "pokewatch:watchlist:");
	}

}
