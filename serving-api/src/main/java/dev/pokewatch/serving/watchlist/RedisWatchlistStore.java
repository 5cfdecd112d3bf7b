package dev.pokewatch.serving.watchlist;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Watchlists in Redis, shared by every replica: one set of card ids per owner
 * ({@code <prefix><owner>}) and one set of the owners ({@code <prefix>owners}) so that an
 * alert run needs no key scan.
 */
final class RedisWatchlistStore implements WatchlistStore {

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisWatchlistStore(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Set<String> cards(String owner) {
		Set<String> cards = this.redis.opsForSet().members(key(owner));
		return (cards != null) ? Set.copyOf(cards) : Set.of();
	}

	@Override
	public boolean add(String owner, String cardId, int maxCards) {
		String key = key(owner);
		if (Boolean.TRUE.equals(this.redis.opsForSet().isMember(key, cardId))) {
			return true;
		}
		// two concurrent adds may pass the check together: the limit bounds storage, one
		// card over it is harmless
		Long size = this.redis.opsForSet().size(key);
		if (size != null && size >= maxCards) {
			return false;
		}
		this.redis.opsForSet().add(key, cardId);
		this.redis.opsForSet().add(ownersKey(), owner);
		return true;
	}

	@Override
	public boolean remove(String owner, String cardId) {
		Long removed = this.redis.opsForSet().remove(key(owner), cardId);
		return removed != null && removed > 0;
	}

	@Override
	public Map<String, Set<String>> all() {
		Map<String, Set<String>> all = new TreeMap<>();
		Set<String> owners = this.redis.opsForSet().members(ownersKey());
		if (owners != null) {
			for (String owner : owners) {
				Set<String> cards = cards(owner);
				if (!cards.isEmpty()) {
					all.put(owner, cards);
				}
			}
		}
		return all;
	}

	private String key(String owner) {
		return this.prefix + owner;
	}

	private String ownersKey() {
		return this.prefix + "owners";
	}

}
