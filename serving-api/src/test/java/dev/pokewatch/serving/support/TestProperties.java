package dev.pokewatch.serving.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

import dev.pokewatch.serving.system.ServingProperties;

/**
 * {@link ServingProperties} for tests without a Spring context.
 */
public final class TestProperties {

	private TestProperties() {
	}

	/**
	 * Properties serving a directory, watching it every 100 ms, without Redis.
	 * @param modelDir the model directory
	 * @return the properties
	 */
	public static ServingProperties of(Path modelDir) {
		return of(modelDir, "");
	}

	/**
	 * Properties serving a directory with an optional Redis URL.
	 * @param modelDir the model directory
	 * @param redisUrl the Redis URL, blank for none
	 * @return the properties
	 */
	public static ServingProperties of(Path modelDir, String redisUrl) {
		return new ServingProperties(modelDir, new ServingProperties.Reload(true, Duration.ofMillis(100)),
				new ServingProperties.Batch(1000), new ServingProperties.Cache(1000), DataSize.ofMegabytes(1),
				new ServingProperties.Cors(List.of(), false, Duration.ofMinutes(10)),
				new ServingProperties.Redis(redisUrl, "pokewatch:model-updated", Duration.ofMillis(200)));
	}

}
