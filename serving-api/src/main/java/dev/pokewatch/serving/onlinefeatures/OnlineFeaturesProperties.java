package dev.pokewatch.serving.onlinefeatures;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.pokewatch.common.served.OnlineFeatures;

/**
 * {@code serving.online-features.*}: whether a card's latest prediction is read from the
 * Redis online feature store. Needs {@code REDIS_URL} as well.
 *
 * @param enabled read the store ({@code ONLINE_FEATURES_ENABLED}); off by default, when
 * the local model answers alone
 * @param prefix the key prefix; training must write the same
 * ({@code training.redis.features.prefix})
 * @param pointerRefresh how long the current version read from Redis is trusted before it
 * is read again: a promotion reaches this replica within it, or at once through the
 * model-update message
 */
@ConfigurationProperties("serving.online-features")
public record OnlineFeaturesProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue(OnlineFeatures.DEFAULT_PREFIX) String prefix, @DefaultValue("2s") Duration pointerRefresh) {

}
