package dev.pokewatch.serving.onlinefeatures;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.system.RedisUrlCondition;

/**
 * Reads a card's latest features from the Redis online feature store
 * ({@link OnlineFeatures}) and applies that version's signal rule. The current version
 * and its rule are read once per {@code pointer-refresh} (or at once after
 * {@link #forgetVersion()}); each lookup is then one {@code HGETALL}. Any Redis failure
 * or unreadable value is an {@link OnlineLookup.Outcome#UNAVAILABLE} answer, counted and
 * logged, so the caller falls back to its local model. Present only with
 * {@code REDIS_URL} and {@code serving.online-features.enabled}.
 */
@Component
@Conditional(RedisUrlCondition.class)
@ConditionalOnBooleanProperty("serving.online-features.enabled")
public class OnlineFeatureReader {

	private static final Logger logger = LoggerFactory.getLogger(OnlineFeatureReader.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final String prefix;

	private final long refreshNanos;

	private final Map<OnlineLookup.Outcome, Counter> lookups = new EnumMap<>(OnlineLookup.Outcome.class);

	private volatile Pointer pointer;

	OnlineFeatureReader(StringRedisTemplate redis, OnlineFeaturesProperties properties, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.prefix = properties.prefix();
		this.refreshNanos = properties.pointerRefresh().toNanos();
		for (OnlineLookup.Outcome outcome : OnlineLookup.Outcome.values()) {
			this.lookups.put(outcome,
					Counter.builder(MeterNames.ONLINE_FEATURE_LOOKUPS)
						.description("Latest-day predictions looked up in the Redis online feature store")
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(meterRegistry));
		}
	}

	/**
	 * Looks a card up under the current version.
	 * @param cardId the card
	 * @return the lookup
	 */
	public OnlineLookup latest(String cardId) {
		OnlineLookup lookup = lookUp(cardId);
		this.lookups.get(lookup.outcome()).increment();
		return lookup;
	}

	/**
	 * The version the store serves now.
	 * @return the version, or {@code null} when there is none or Redis fails
	 */
	public String currentVersion() {
		Pointer current = pointer();
		return (current != null) ? current.modelVersion() : null;
	}

	/**
	 * Forgets the current version, so the next lookup reads it again: called when a
	 * model-update message arrives.
	 */
	public void forgetVersion() {
		this.pointer = null;
	}

	private OnlineLookup lookUp(String cardId) {
		Pointer current = pointer();
		if (current == null) {
			return OnlineLookup.unavailable();
		}
		Map<String, String> hash;
		try {
			hash = this.redis.<String, String>opsForHash()
				.entries(OnlineFeatures.cardKey(this.prefix, current.modelVersion(), cardId));
		}
		catch (RuntimeException ex) {
			logger.warn("Online features unavailable, answering from the local model: {}", ex.getMessage());
			return OnlineLookup.unavailable();
		}
		if (hash.isEmpty()) {
			return new OnlineLookup(OnlineLookup.Outcome.MISSING, null, null, current.modelVersion());
		}
		try {
			OnlineFeatures.Card card = OnlineFeatures.Card.fromHash(cardId, hash);
			DaySignal day = DaySignal.of(current.rule(), card.marketPrice(), card.fairPrice(), card.dispersion(),
					card.outlier());
			return new OnlineLookup(OnlineLookup.Outcome.FOUND, card, day, current.modelVersion());
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Unreadable online features, answering from the local model: {}", ex.getMessage());
			return OnlineLookup.unavailable();
		}
	}

	private Pointer pointer() {
		Pointer current = this.pointer;
		if (current == null || System.nanoTime() - current.readAt() >= this.refreshNanos) {
			// an absent version or a failed read is remembered too: while Redis is down,
			// one request per refresh interval waits for its timeout, not every request
			current = readPointer();
			this.pointer = current;
		}
		return (current.modelVersion() != null) ? current : null;
	}

	private Pointer readPointer() {
		try {
			String version = this.redis.opsForValue().get(OnlineFeatures.currentKey(this.prefix));
			if (version == null) {
				return Pointer.none();
			}
			String metadataJson = this.redis.opsForValue().get(OnlineFeatures.metadataKey(this.prefix, version));
			if (metadataJson == null) {
				logger.warn("Online features of model {} have no metadata (expired?): answering from the local model",
						version);
				return Pointer.none();
			}
			ModelMetadata metadata = JSON.readValue(metadataJson, ModelMetadata.class);
			return new Pointer(version, metadata.thresholds().toRule(), System.nanoTime());
		}
		catch (RuntimeException ex) {
			logger.warn("Online features unavailable, answering from the local model: {}", ex.getMessage());
			return Pointer.none();
		}
	}

	/**
	 * The current version as last read.
	 *
	 * @param modelVersion the version, {@code null} when there was none or the read
	 * failed
	 * @param rule its signal rule
	 * @param readAt when it was read ({@link System#nanoTime()})
	 */
	private record Pointer(String modelVersion, SignalRule rule, long readAt) {

		static Pointer none() {
			return new Pointer(null, null, System.nanoTime());
		}

	}

}
