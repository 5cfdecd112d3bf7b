package dev.pokewatch.collector.source.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bundled price history: {@code sample/tcgplayer_card_prices.csv} (columns
 * {@code set,name,tcgplayer_product_id,date,market_price_usd,volume,suspect}), indexed by
 * TCGplayer product id and day. Suspect rows are kept: they are real recorded anomalies.
 */
final class SamplePrices {

	static final String RESOURCE = "sample/tcgplayer_card_prices.csv";

	private final Map<String, NavigableMap<LocalDate, Double>> byProduct;

	private final NavigableSet<LocalDate> days;

	private SamplePrices(Map<String, NavigableMap<LocalDate, Double>> byProduct, NavigableSet<LocalDate> days) {
		this.byProduct = byProduct;
		this.days = days;
	}

	static SamplePrices load() {
		try (InputStream in = SamplePrices.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("bundled sample " + RESOURCE + " is missing from the jar");
			}
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read bundled sample " + RESOURCE, ex);
		}
	}

	private static SamplePrices parse(BufferedReader reader) throws IOException {
		Map<String, NavigableMap<LocalDate, Double>> byProduct = new HashMap<>();
		NavigableSet<LocalDate> days = new TreeSet<>();
		String header = reader.readLine();
		if (header == null || !header.startsWith("set,name,tcgplayer_product_id,date,market_price_usd")) {
			throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
		}
		String line;
		int number = 1;
		while ((line = reader.readLine()) != null) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			// the sample has no quoted fields: names contain no commas
			String[] fields = line.split(",", -1);
			if (fields.length < 5) {
				throw new IllegalStateException(RESOURCE + " line " + number + ": expected 7 fields");
			}
			LocalDate date = LocalDate.parse(fields[3]);
			Double price = fields[4].isEmpty() ? null : Double.valueOf(fields[4]);
			byProduct.computeIfAbsent(fields[2], (id) -> new TreeMap<>()).put(date, price);
			days.add(date);
		}
		return new SamplePrices(byProduct, days);
	}

	/**
	 * The recorded prices of a product.
	 * @param tcgplayerId the product id
	 * @return day to market price, or {@code null} if the product is not in the sample
	 */
	NavigableMap<LocalDate, Double> product(String tcgplayerId) {
		return this.byProduct.get(tcgplayerId);
	}

	/**
	 * Whether any product has a price on a day.
	 * @param date the day
	 * @return true if the day is in the sample
	 */
	boolean hasDay(LocalDate date) {
		return this.days.contains(date);
	}

	LocalDate firstDay() {
		return this.days.first();
	}

	LocalDate lastDay() {
		return this.days.last();
	}

}
