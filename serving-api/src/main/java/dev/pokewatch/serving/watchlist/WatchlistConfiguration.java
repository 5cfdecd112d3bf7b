package dev.pokewatch.serving.watchlist;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.pokewatch.serving.system.RedisUrlCondition;

/**
 * Chooses where watchlists live: Redis when {@code REDIS_URL} is set (shared by every
 * replica), else the local file of {@code serving.watchlist.file}.
 */
@Configuration(proxyBeanMethods = false)
class WatchlistConfiguration {

	@Bean
	WatchlistStore watchlistStore(WatchlistProperties properties, Environment environment,
			ObjectProvider<StringRedisTemplate> redis) {
		if (RedisUrlCondition.isConfigured(environment)) {
			return new RedisWatchlistStore(redis.getObject(), properties.redisKeyPrefix());
		}
		return new FileWatchlistStore(properties.file());
	}

}
