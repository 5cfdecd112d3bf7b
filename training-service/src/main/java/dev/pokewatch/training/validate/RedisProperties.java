package dev.pokewatch.training.validate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional Redis notification on promotion, bound from {@code training.redis.*}
 * ({@code application.yml} maps {@code REDIS_URL}).
 *
 * @param url the Redis URL; blank disables the notification
 * @param channel the channel serving replicas subscribe to
 */
@ConfigurationProperties("training.redis")
public record RedisProperties(@DefaultValue("") String url, @DefaultValue("pokewatch:model-updated") String channel) {

	@Override
	public String toString() {
		// the URL may carry a password: never print it
		return "RedisProperties[url=" + ((this.url == null || this.url.isBlank()) ? "(none)" : "(set)") + ", channel="
				+ this.channel + "]";
	}

}
