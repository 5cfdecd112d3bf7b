package dev.pokewatch.collector.collect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sources a run can use; {@code auto} means Pokémon Price Tracker when its key is
 * set, else the bundled sample.
 */
public enum SourceName {

	/**
	 * Pokémon Price Tracker when {@code POKEMON_PRICE_API_KEY} is set, else the sample.
	 */
	AUTO,

	/** The bundled real sample, offline. */
	SAMPLE,

	/** The Pokémon Price Tracker API v2. */
	POKEMONPRICETRACKER,

	/** The TCGCSV mirror of TCGplayer. */
	TCGCSV;

	/**
	 * Parses a source name as given on the command line or in the environment.
	 * @param text the name
	 * @param origin where it came from, for the error message ({@code --source})
	 * @return the source
	 * @throws UsageException naming {@code origin} when unknown
	 */
	public static SourceName parse(String text, String origin) {
		String wanted = (text != null) ? text.strip().toUpperCase(Locale.ROOT) : "";
		return Arrays.stream(values())
			.filter((name) -> name.name().equals(wanted))
			.findFirst()
			.orElseThrow(() -> new UsageException(origin + ": '" + text + "' is not a source; use one of "
					+ Arrays.stream(values()).map(SourceName::toString).collect(Collectors.joining(", "))));
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
