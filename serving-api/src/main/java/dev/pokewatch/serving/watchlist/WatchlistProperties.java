package dev.pokewatch.serving.watchlist;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed configuration of the watchlists ({@code serving.watchlist.*}).
 *
 * @param file the local file holding every watchlist when Redis is not configured
 * ({@code WATCHLIST_FILE})
 * @param maxCards most cards one key may watch ({@code WATCHLIST_MAX_CARDS})
 * @param redisKeyPrefix prefix of the Redis keys, one set per key owner plus one set of
 * owners
 */
@ConfigurationProperties("serving.watchlist")
public record WatchlistProperties(@DefaultValue("data/watchlists.json") Path file, @DefaultValue("200") int maxCards,
		@DefaultValue("pokewatch:watchlist:") String redisKeyPrefix) {

	public WatchlistProperties {
		if (maxCards < 1) {
			throw new IllegalArgumentException("'serving.watchlist.max-cards' must be at least 1, got " + maxCards);
		}
		if (redisKeyPrefix.isBlank()) {
			throw new IllegalArgumentException("'serving.watchlist.redis-key-prefix' must not be blank");
		}
	}

}
