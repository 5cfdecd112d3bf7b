package dev.pokewatch.training.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring Boot default properties the command line decides before the application
 * starts: where framework logs go (a file, and the console only with {@code --verbose})
 * and the Redis URL taken from {@code REDIS_URL}. Being defaults, any of them can still
 * be overridden by {@code application.yml} or a {@code --name=value} argument.
 */
public final class LaunchProperties {

	/** The log file, relative to the working directory. */
	public static final String LOG_FILE = "logs/training.log";

	private LaunchProperties() {
	}

	/**
	 * The default properties for a launch.
	 * @param verbose whether framework logs go to the console as well
	 * @param redisUrl the {@code REDIS_URL} environment variable, may be null
	 * @return the properties
	 */
	public static Map<String, Object> of(boolean verbose, String redisUrl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.file.name", LOG_FILE);
		if (!verbose) {
			// people read the commands' own output; warnings and errors still show, in
			// one short line each
			properties.put("logging.threshold.console", "warn");
			properties.put("logging.pattern.console", "%level %msg%n");
		}
		// Only a usable URL reaches Spring Boot: a blank one would fail its URL parser
		// at startup, and a malformed one would fail every command, not only validate.
		if (isRedisUrl(redisUrl)) {
			properties.put("spring.data.redis.url", redisUrl.strip());
		}
		return properties;
	}

	/**
	 * Whether a value is a {@code redis://} or {@code rediss://} URL with a host.
	 * @param url the value, may be null
	 * @return {@code true} if Spring Boot can use it
	 */
	public static boolean isRedisUrl(String url) {
		if (url == null || url.isBlank()) {
			return false;
		}
		try {
			URI uri = new URI(url.strip());
			return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
