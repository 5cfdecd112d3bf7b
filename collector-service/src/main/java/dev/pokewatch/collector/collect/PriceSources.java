package dev.pokewatch.collector.collect;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.http.Sleeper;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.ppt.PokemonPriceTrackerSource;
import dev.pokewatch.collector.source.sample.SamplePriceSource;
import dev.pokewatch.collector.source.tcgcsv.TcgcsvSource;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * Builds the {@link PriceSource} a run asked for from the configuration. Each source is
 * built once and reused by later runs (the scheduled mode runs daily): its HTTP client,
 * with its connection pool and selector thread, and its throttle state live as long as
 * the app.
 */
public class PriceSources {

	private final CollectorProperties properties;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Map<SourceName, PriceSource> built = new ConcurrentHashMap<>();

	public PriceSources(CollectorProperties properties, Clock clock, Sleeper sleeper) {
		this.properties = properties;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * Creates a source.
	 * @param name the requested source; {@code auto} picks Pokémon Price Tracker when its
	 * key is set, else the sample
	 * @return the source
	 * @throws UsageException when Pokémon Price Tracker is requested without a key
	 */
	public PriceSource create(SourceName name) {
		CollectorProperties.PokemonPriceTracker ppt = this.properties.pokemonPriceTracker();
		SourceName resolved = (name == SourceName.AUTO)
				? (ppt.hasApiKey() ? SourceName.POKEMONPRICETRACKER : SourceName.SAMPLE) : name;
		if (resolved == SourceName.POKEMONPRICETRACKER && !ppt.hasApiKey()) {
			throw new UsageException(
					"--source pokemonpricetracker needs an API key in the environment variable POKEMON_PRICE_API_KEY");
		}
		return this.built.computeIfAbsent(resolved, this::build);
	}

	private PriceSource build(SourceName resolved) {
		CollectorProperties.PokemonPriceTracker ppt = this.properties.pokemonPriceTracker();
		return switch (resolved) {
			case SAMPLE -> new SamplePriceSource(this.properties.sample().replayDays());
			case POKEMONPRICETRACKER -> new PokemonPriceTrackerSource(http(resolved, ppt.requestsPerMinute()),
					ppt.baseUrl(), ppt.apiKey(), this.clock);
			case TCGCSV -> new TcgcsvSource(http(resolved, this.properties.tcgcsv().requestsPerMinute()),
					this.properties.tcgcsv().baseUrl(), this.properties.tcgcsv().categoryId(), this.clock);
			case AUTO -> throw new IllegalStateException("auto is resolved above");
		};
	}

	private RetryingHttpClient http(SourceName name, int requestsPerMinute) {
		return new RetryingHttpClient(name.toString(), this.properties.http().settings(requestsPerMinute), this.clock,
				this.sleeper);
	}

}
