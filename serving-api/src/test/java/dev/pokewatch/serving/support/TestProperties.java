package dev.pokewatch.serving.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * {@link ServingProperties} for tests without a Spring context.
 */
public final class TestProperties {

	private TestProperties() {
	}

	/**
	 * Properties serving a directory, watching it every 100 ms.
	 * @param modelDir the model directory
	 * @return the properties
	 */
	public static ServingProperties of(Path modelDir) {
		return new ServingProperties(modelDir,
				new ServingProperties.Reload(true, Duration.ofMillis(100), ModelUpdateMessage.DEFAULT_CHANNEL),
				new ServingProperties.Batch(1000), new ServingProperties.Cache(1000), DataSize.ofMegabytes(1),
				new ServingProperties.Cors(List.of(), false, Duration.ofMinutes(10)));
	}

}
