package dev.pokewatch.serving.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.pokewatch.common.served.ModelUpdateMessage;

/**
 * Typed configuration of the serving API ({@code serving.*}). The {@code security} and
 * {@code rate-limit} groups are bound by their own records in their packages; the Redis
 * connection is Boot's ({@code spring.data.redis.*}, from {@code REDIS_URL}).
 *
 * @param modelDir the model directory served ({@code MODEL_DIR})
 * @param reload how model changes are noticed
 * @param batch batch prediction limits
 * @param cache the prediction response cache
 * @param maxRequestSize largest accepted request body ({@code 413} beyond)
 * @param cors cross-origin settings
 */
@ConfigurationProperties("serving")
public record ServingProperties(@DefaultValue("models/baseline") Path modelDir, @DefaultValue Reload reload,
		@DefaultValue Batch batch, @DefaultValue Cache cache, @DefaultValue("1MB") DataSize maxRequestSize,
		@DefaultValue Cors cors) {

	public ServingProperties {
		if (maxRequestSize.toBytes() <= 0) {
			throw new IllegalArgumentException("'serving.max-request-size' must be positive, got " + maxRequestSize);
		}
	}

	/**
	 * How the served model directory is watched.
	 *
	 * @param watch whether to watch the directory at all (else only explicit reloads)
	 * @param pollInterval how often the metadata file is checked when no file event
	 * arrives
	 * @param redisChannel the Redis pub/sub channel announcing a new model, listened to
	 * when {@code REDIS_URL} is set
	 */
	public record Reload(@DefaultValue("true") boolean watch, @DefaultValue("2s") Duration pollInterval,
			@DefaultValue(ModelUpdateMessage.DEFAULT_CHANNEL) String redisChannel) {

		public Reload {
			if (pollInterval.isNegative() || pollInterval.isZero()) {
				throw new IllegalArgumentException(
						"'serving.reload.poll-interval' must be positive, got " + pollInterval);
			}
			if (redisChannel.isBlank()) {
				throw new IllegalArgumentException("'serving.reload.redis-channel' must not be blank");
			}
		}

	}

	/**
	 * Batch prediction limits.
	 *
	 * @param maxItems most items accepted in one {@code /batch_predict}
	 */
	public record Batch(@DefaultValue("1000") int maxItems) {

		public Batch {
			if (maxItems < 1) {
				throw new IllegalArgumentException("'serving.batch.max-items' must be at least 1, got " + maxItems);
			}
		}

	}

	/**
	 * The prediction response cache.
	 *
	 * @param maxSize most entries kept
	 */
	public record Cache(@DefaultValue("10000") long maxSize) {

		public Cache {
			if (maxSize < 0) {
				throw new IllegalArgumentException("'serving.cache.max-size' must not be negative, got " + maxSize);
			}
		}

	}

	/**
	 * Cross-origin settings; no origin is allowed by default.
	 *
	 * @param allowedOrigins allowed origins ({@code CORS_ALLOWED_ORIGINS}, comma list)
	 * @param allowCredentials whether browsers may send credentials
	 * @param maxAge how long a preflight answer may be cached
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials,
			@DefaultValue("10m") Duration maxAge) {

		public Cors {
			allowedOrigins = allowedOrigins.stream().map(String::trim).filter((origin) -> !origin.isEmpty()).toList();
			if (allowCredentials && allowedOrigins.contains("*")) {
				throw new IllegalArgumentException("'serving.cors.allowed-origins' must not contain '*' when "
						+ "'serving.cors.allow-credentials' is true: list the origins explicitly (CORS_ALLOWED_ORIGINS)");
			}
		}

		/**
		 * Whether any origin is allowed.
		 * @return {@code true} when CORS is configured
		 */
		public boolean enabled() {
			return !this.allowedOrigins.isEmpty();
		}

	}

}
