package dev.pokewatch.collector.collect;

import java.nio.file.Path;
import java.time.Duration;

import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * Collector settings for tests: both HTTP sources point at a local {@link StubServer}, no
 * throttle, two attempts per request, short backoffs (the sleeper is fake anyway).
 */
public final class TestSupport {

	private TestSupport() {
	}

	/**
	 * Settings for a test.
	 * @param apiKey the Pokémon Price Tracker key, or {@code null}
	 * @param server the stub server
	 * @return the settings
	 */
	public static CollectorProperties properties(String apiKey, StubServer server) {
		return new CollectorProperties("auto", Path.of("config/cards.yaml"), Path.of("data/raw"),
				new CollectorProperties.Http(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(10),
						Duration.ofMillis(100), 0.25, Duration.ofSeconds(120)),
				new CollectorProperties.PokemonPriceTracker(server.baseUri().resolve("/api/v2"), apiKey, 0),
				new CollectorProperties.Tcgcsv(server.baseUri(), 3, 0), new CollectorProperties.Sample(null));
	}

}
