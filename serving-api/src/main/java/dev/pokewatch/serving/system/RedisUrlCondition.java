package dev.pokewatch.serving.system;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code spring.data.redis.url} ({@code REDIS_URL}) is set, so every Redis
 * bean of the application is created only then: without a URL nothing connects to Redis
 * and rate limits stay local. An unusable URL stops startup with a message that does not
 * repeat it, since it may carry a password (Boot's own failure analysis would print it).
 */
public final class RedisUrlCondition implements Condition {

	/** The property holding the Redis URL. */
	public static final String PROPERTY = "spring.data.redis.url";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isConfigured(context.getEnvironment());
	}

	/**
	 * Whether a usable Redis URL is configured.
	 * @param environment the environment
	 * @return {@code true} when the URL is set
	 * @throws IllegalStateException when it is set but not a {@code redis://} or
	 * {@code rediss://} URL with a host
	 */
	public static boolean isConfigured(Environment environment) {
		String url = environment.getProperty(PROPERTY);
		if (!StringUtils.hasText(url)) {
			return false;
		}
		if (!usable(url.strip())) {
			throw new IllegalStateException(
					PROPERTY + " (REDIS_URL) is not a Redis URL such as redis://host:6379 or rediss://host:6380");
		}
		return true;
	}

	private static boolean usable(String url) {
		try {
			URI uri = new URI(url);
			return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
