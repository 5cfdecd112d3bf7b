package dev.pokewatch.collector.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.pokewatch.collector.http.HttpSettings;
import dev.pokewatch.common.retry.HttpRetrySettings;

/**
 * Settings of the collector ({@code collector.*}); {@code application.yml} maps the
 * environment variables onto them.
 *
 * @param source {@code auto}, {@code sample}, {@code pokemonpricetracker} or
 * {@code tcgcsv} ({@code COLLECTOR_SOURCE})
 * @param cardsConfig the tracked cards file ({@code CARDS_CONFIG})
 * @param rawDir where raw Parquet files go ({@code DATA_RAW_DIR})
 * @param http timeouts and retries shared by the HTTP sources
 * @param pokemonPriceTracker the Pokémon Price Tracker API
 * @param tcgcsv the TCGCSV mirror
 * @param sample the bundled sample
 */
@ConfigurationProperties("collector")
public record CollectorProperties(@DefaultValue("auto") String source,
		@DefaultValue("config/cards.yaml") Path cardsConfig, @DefaultValue("data/raw") Path rawDir,
		@DefaultValue Http http, @DefaultValue PokemonPriceTracker pokemonPriceTracker, @DefaultValue Tcgcsv tcgcsv,
		@DefaultValue Sample sample) {

	/**
	 * Timeouts and retries of the HTTP sources.
	 *
	 * @param connectTimeout time to connect
	 * @param readTimeout time to wait for a response
	 * @param maxAttempts attempts per request, the first included
	 * @param initialBackoff wait before the first retry, doubled each time
	 * @param maxBackoff cap of the computed backoff
	 * @param jitter random extra share of each backoff
	 * @param maxRetryAfter longest {@code Retry-After} honoured
	 */
	public record Http(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
			@DefaultValue("4") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
			@DefaultValue("30s") Duration maxBackoff, @DefaultValue("0.25") double jitter,
			@DefaultValue("120s") Duration maxRetryAfter) {

		/**
		 * The settings of one provider.
		 * @param requestsPerMinute the provider's throttle
		 * @return the HTTP settings
		 */
		public HttpSettings settings(int requestsPerMinute) {
			return new HttpSettings(this.connectTimeout, this.readTimeout, new HttpRetrySettings(this.maxAttempts,
					this.initialBackoff, this.maxBackoff, this.jitter, this.maxRetryAfter), requestsPerMinute);
		}

	}

	/**
	 * The Pokémon Price Tracker API v2.
	 *
	 * @param baseUrl API base ({@code POKEMON_PRICE_API_BASE_URL})
	 * @param apiKey bearer key ({@code POKEMON_PRICE_API_KEY}); blank when not set
	 * @param requestsPerMinute client-side throttle (the paid tier allows 60)
	 */
	public record PokemonPriceTracker(@DefaultValue("https://www.pokemonpricetracker.com/api/v2") URI baseUrl,
			String apiKey, @DefaultValue("60") int requestsPerMinute) {

		/**
		 * Whether a key is configured.
		 * @return true if the key is not blank
		 */
		public boolean hasApiKey() {
			return this.apiKey != null && !this.apiKey.isBlank();
		}

		@Override
		public String toString() {
			// never print the key, not even in a debug dump of the properties
			return "PokemonPriceTracker[baseUrl=" + this.baseUrl + ", apiKey=" + (hasApiKey() ? "<set>" : "<not set>")
					+ ", requestsPerMinute=" + this.requestsPerMinute + "]";
		}

	}

	/**
	 * The TCGCSV mirror of TCGplayer's API.
	 *
	 * @param baseUrl base URL ({@code TCGCSV_BASE_URL})
	 * @param categoryId TCGplayer category (3 = Pokémon)
	 * @param requestsPerMinute client-side throttle
	 */
	public record Tcgcsv(@DefaultValue("https://tcgcsv.com") URI baseUrl, @DefaultValue("3") int categoryId,
			@DefaultValue("60") int requestsPerMinute) {

	}

	/**
	 * The bundled sample.
	 *
	 * @param replayDays days replayed (ending at the last bundled day) when neither
	 * {@code --date} nor {@code --days} is given; not set (the default): every bundled
	 * day
	 */
	public record Sample(Integer replayDays) {

	}

}
