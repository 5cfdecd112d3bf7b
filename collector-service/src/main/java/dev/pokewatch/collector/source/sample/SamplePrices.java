package dev.pokewatch.collector.source.sample;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.pokewatch.collector.source.BundledCsv;
import dev.pokewatch.collector.source.DailyPrice;

/**
 * The bundled price history, two recordings of TCGplayer prices (see
 * {@code sample/SOURCE.md}):
 * <ul>
 * <li>{@code sample/pytcgplayer/prices.csv}: market prices of 43 products over 16 months,
 * one series per product;</li>
 * <li>{@code sample/tcgcsv/prices.csv}: market, low, mid and high prices over 36 days,
 * one series per (product, printing), grouped by TCGplayer group.</li>
 * </ul>
 * A product recorded by both is taken from pytcgplayer only: its history is longer, and
 * switching between the two recordings inside one series would add jumps of about 2 %
 * that no market made. Suspect rows are kept: they are real recorded anomalies.
 */
final class SamplePrices {

	static final String PYTCGPLAYER = "sample/pytcgplayer/prices.csv";

	static final String TCGCSV = "sample/tcgcsv/prices.csv";

	private final Map<String, NavigableMap<LocalDate, DailyPrice>> byProduct;

	private final Map<String, Map<String, List<Series>>> byGroup;

	private final Map<String, List<Series>> tcgcsvByProduct;

	private final NavigableSet<LocalDate> days;

	private SamplePrices(Map<String, NavigableMap<LocalDate, DailyPrice>> byProduct,
			Map<String, Map<String, List<Series>>> byGroup, NavigableSet<LocalDate> days) {
		this.byProduct = byProduct;
		this.byGroup = byGroup;
		this.tcgcsvByProduct = new HashMap<>();
		byGroup.values().forEach(this.tcgcsvByProduct::putAll);
		this.days = days;
	}

	static SamplePrices load() {
		NavigableSet<LocalDate> days = new TreeSet<>();
		// some 55,000 rows share fewer than 500 dates: parse each once
		Map<String, LocalDate> dates = new HashMap<>();
		Map<String, NavigableMap<LocalDate, DailyPrice>> byProduct = new HashMap<>();
		BundledCsv.read(PYTCGPLAYER, "tcgplayer_id,date,market_price", (fields) -> {
			LocalDate date = dates.computeIfAbsent(fields[1], LocalDate::parse);
			byProduct.computeIfAbsent(fields[0], (id) -> new TreeMap<>())
				.put(date, DailyPrice.market(date, number(fields[2])));
			days.add(date);
		});
		Map<String, Map<String, Map<String, NavigableMap<LocalDate, DailyPrice>>>> rows = new LinkedHashMap<>();
		BundledCsv.read(TCGCSV, "date,group_id,tcgplayer_id,printing,low_price,mid_price,high_price,market_price",
				(fields) -> {
					if (byProduct.containsKey(fields[2])) {
						return;
					}
					LocalDate date = dates.computeIfAbsent(fields[0], LocalDate::parse);
					rows.computeIfAbsent(fields[1], (group) -> new LinkedHashMap<>())
						.computeIfAbsent(fields[2], (product) -> new LinkedHashMap<>())
						.computeIfAbsent(fields[3], (printing) -> new TreeMap<>())
						.put(date, new DailyPrice(date, number(fields[7]), number(fields[4]), number(fields[5]),
								number(fields[6])));
					days.add(date);
				});
		Map<String, Map<String, List<Series>>> byGroup = new LinkedHashMap<>();
		rows.forEach((group, products) -> products
			.forEach((product, printings) -> byGroup.computeIfAbsent(group, (id) -> new LinkedHashMap<>())
				.put(product, printings.entrySet()
					.stream()
					.map((entry) -> new Series(entry.getKey(), Collections.unmodifiableNavigableMap(entry.getValue())))
					.toList())));
		return new SamplePrices(byProduct, byGroup, days);
	}

	private static Double number(String field) {
		return field.isEmpty() ? null : Double.valueOf(field);
	}

	/**
	 * The pytcgplayer history of a product.
	 * @param tcgplayerId the product id
	 * @return day to market price, or {@code null} if pytcgplayer did not record it
	 */
	NavigableMap<LocalDate, DailyPrice> pytcgplayer(String tcgplayerId) {
		return this.byProduct.get(tcgplayerId);
	}

	/**
	 * The TCGCSV series of a product that pytcgplayer did not record.
	 * @param tcgplayerId the product id
	 * @return one series per printing, or {@code null} if not recorded
	 */
	List<Series> tcgcsv(String tcgplayerId) {
		return this.tcgcsvByProduct.get(tcgplayerId);
	}

	/**
	 * The TCGCSV series of a TCGplayer group's products that pytcgplayer did not record.
	 * @param groupId the TCGplayer group id
	 * @return product id to its series, in file order; empty if the group is not recorded
	 */
	Map<String, List<Series>> tcgcsvGroup(String groupId) {
		return this.byGroup.getOrDefault(groupId, Map.of());
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

	/**
	 * The TCGCSV prices of one printing of a product.
	 *
	 * @param printing the TCGplayer printing
	 * @param prices day to prices
	 */
	record Series(String printing, NavigableMap<LocalDate, DailyPrice> prices) {

	}

}
