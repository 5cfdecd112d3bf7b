package dev.pokewatch.training.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.served.ServedFeaturesFiles;

/**
 * Tells every serving replica that a new model was promoted, through Spring Boot's Redis
 * connection when {@code spring.data.redis.url} ({@code REDIS_URL}) is set: writes each
 * card's latest features into the online feature store ({@link OnlineFeatures}), then
 * publishes a {@link ModelUpdateMessage}. Without a URL nothing is written and no
 * connection is attempted. Both are best effort: replicas also watch
 * {@code models/baseline/}, so a Redis failure is a warning, never a failed promotion.
 */
@Component
public class ModelUpdatePublisher {

	private static final Logger logger = LoggerFactory.getLogger(ModelUpdatePublisher.class);

	private static final int PIPELINE_BATCH = 1000;

	/** What {@link #publish} returns when nothing was published. */
	public static final long NOT_PUBLISHED = -1;

	private final DataRedisProperties redis;

	private final ObjectProvider<StringRedisTemplate> template;

	private final String channel;

	private final RedisProperties.Features features;

	/**
	 * Creates a publisher.
	 * @param redis Spring Boot's Redis settings; a blank URL disables publishing
	 * @param template the template, only looked up when a URL is set
	 * @param properties the channel
	 */
	public ModelUpdatePublisher(DataRedisProperties redis, ObjectProvider<StringRedisTemplate> template,
			RedisProperties properties) {
		this.redis = Objects.requireNonNull(redis, "'redis' must not be null");
		this.template = Objects.requireNonNull(template, "'template' must not be null");
		this.channel = Objects.requireNonNull(properties, "'properties' must not be null").channel();
		this.features = properties.features();
	}

	/**
	 * Whether a Redis URL is configured.
	 * @return {@code true} if {@link #publish} will try to send
	 */
	public boolean isEnabled() {
		return StringUtils.hasText(this.redis.getUrl());
	}

	/**
	 * The channel.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Publishes a model version.
	 * @param modelVersion the promoted version
	 * @return the number of subscribers that received it, or {@link #NOT_PUBLISHED}
	 */
	public long publish(String modelVersion) {
		ModelUpdateMessage message = new ModelUpdateMessage(modelVersion);
		if (!isEnabled()) {
			return NOT_PUBLISHED;
		}
		try {
			Long receivers = this.template.getObject().convertAndSend(this.channel, message.modelVersion());
			logger.info("Published model {} on Redis channel {} ({} subscriber(s))", modelVersion, this.channel,
					receivers);
			return (receivers != null) ? receivers : 0;
		}
		catch (RuntimeException ex) {
			// the message names host and port, never the URL's password
			logger.warn("Model-updated notification skipped (Redis channel {}): {}", this.channel, ex.getMessage());
			return NOT_PUBLISHED;
		}
	}

	/**
	 * Whether a promotion writes the online feature store.
	 * @return {@code true} when a Redis URL is set and the store is enabled
	 */
	public boolean writesFeatures() {
		return isEnabled() && this.features.enabled();
	}

	/**
	 * The online feature store's settings.
	 * @return prefix and TTL
	 */
	public RedisProperties.Features features() {
		return this.features;
	}

	/**
	 * Writes a promoted model's online features: each card's latest row with a market
	 * price (the row a prediction without a date answers from) as a hash, the metadata,
	 * then the current-version pointer, all but the pointer with the TTL. Pipelined: one
	 * round trip per thousand cards.
	 * @param modelDir the promoted model's directory
	 * @param metadata its metadata
	 * @return the number of cards written, or {@link #NOT_PUBLISHED}
	 */
	public long publishFeatures(Path modelDir, ModelMetadata metadata) {
		if (!writesFeatures()) {
			return NOT_PUBLISHED;
		}
		String prefix = this.features.prefix();
		String version = metadata.modelVersion();
		long ttlSeconds = Math.max(1, this.features.ttl().toSeconds());
		try {
			List<OnlineFeatures.Card> cards = latestCards(modelDir.resolve(metadata.featuresFile()), version);
			StringRedisTemplate redis = this.template.getObject();
			for (int from = 0; from < cards.size(); from += PIPELINE_BATCH) {
				List<OnlineFeatures.Card> batch = cards.subList(from, Math.min(cards.size(), from + PIPELINE_BATCH));
				redis.executePipelined((RedisCallback<Object>) (connection) -> {
					for (OnlineFeatures.Card card : batch) {
						byte[] key = utf8(OnlineFeatures.cardKey(prefix, version, card.cardId()));
						Map<byte[], byte[]> hash = new LinkedHashMap<>();
						card.toHash().forEach((field, value) -> hash.put(utf8(field), utf8(value)));
						connection.keyCommands().del(key);
						connection.hashCommands().hMSet(key, hash);
						connection.keyCommands().expire(key, ttlSeconds);
					}
					return null;
				});
			}
			String metadataKey = OnlineFeatures.metadataKey(prefix, version);
			redis.opsForValue()
				.set(metadataKey, Files.readString(modelDir.resolve(ModelMetadata.FILE_NAME)), this.features.ttl());
			// last: a reader following the pointer finds every card of the version
			redis.opsForValue().set(OnlineFeatures.currentKey(prefix), version);
			logger.info("Wrote the online features of {} card(s) for model {} under {}", cards.size(), version, prefix);
			return cards.size();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Online features skipped (Redis prefix {}): {}", prefix, ex.getMessage());
			return NOT_PUBLISHED;
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<OnlineFeatures.Card> latestCards(Path featuresFile, String version) {
		return ServedFeaturesFiles.read(featuresFile, version, LatestCards::new, logger::warn).visitor().cards();
	}

	/**
	 * Each card's latest day with a market price.
	 */
	private static final class LatestCards implements ServedFeaturesCodec.Visitor {

		private final Map<String, OnlineFeatures.Card> latest = new LinkedHashMap<>();

		private String cardId;

		@Override
		public void card(String cardId) {
			this.cardId = cardId;
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			if (Double.isNaN(row.marketPrice())) {
				return;
			}
			OnlineFeatures.Card previous = this.latest.get(this.cardId);
			if (previous == null || previous.date().toEpochDay() <= row.epochDay()) {
				this.latest.put(this.cardId,
						new OnlineFeatures.Card(this.cardId, row.cardName(), row.setName(), row.category(),
								LocalDate.ofEpochDay(row.epochDay()), row.marketPrice(), row.fairPrice(),
								row.dispersion(), row.outlier()));
			}
		}

		List<OnlineFeatures.Card> cards() {
			return new ArrayList<>(this.latest.values());
		}

	}

}
