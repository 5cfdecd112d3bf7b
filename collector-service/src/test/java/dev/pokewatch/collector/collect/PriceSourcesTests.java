package dev.pokewatch.collector.collect;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.http.Sleeper;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.ppt.PokemonPriceTrackerSource;
import dev.pokewatch.collector.source.sample.SamplePriceSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PriceSources}.
 */
class PriceSourcesTests {

	private final StubServer server = new StubServer();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void createWhenAutoWithKeyShouldPickPriceTrackerAndReuseItAcrossRuns() {
		PriceSources sources = new PriceSources(TestSupport.properties("key-1", this.server), Clock.systemUTC(),
				Sleeper.system());

		PriceSource first = sources.create(SourceName.AUTO);
		PriceSource second = sources.create(SourceName.POKEMONPRICETRACKER);

		assertThat(first).isInstanceOf(PokemonPriceTrackerSource.class).isSameAs(second);
	}

	@Test
	void createWhenAutoWithoutKeyShouldPickSample() {
		PriceSources sources = new PriceSources(TestSupport.properties(null, this.server), Clock.systemUTC(),
				Sleeper.system());

		assertThat(sources.create(SourceName.AUTO)).isInstanceOf(SamplePriceSource.class);
	}

	@Test
	void createWhenPriceTrackerWithoutKeyShouldNameTheVariable() {
		PriceSources sources = new PriceSources(TestSupport.properties("", this.server), Clock.systemUTC(),
				Sleeper.system());

		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> sources.create(SourceName.POKEMONPRICETRACKER))
			.withMessageContaining("POKEMON_PRICE_API_KEY");
	}

}
