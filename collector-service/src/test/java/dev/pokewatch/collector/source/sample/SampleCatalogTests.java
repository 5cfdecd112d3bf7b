package dev.pokewatch.collector.source.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.common.card.CardsConfig;
import dev.pokewatch.common.card.CardsConfigReader;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;
import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code sample/catalog.csv} lists exactly the series a full replay of
 * {@code config/cards.yaml} by {@link SamplePriceSource} emits. Run with
 * {@code -Dsample.catalog.write=true} to rewrite the catalog after changing the sample or
 * cards.yaml.
 */
class SampleCatalogTests {

	static final String HEADER = "card_id,set,name,number,rarity,printing,category,dataset,first_day,last_day,days";

	@Test
	void catalogWhenFullReplayOfShippedCardsShouldListEverySeriesEmitted() throws IOException {
		Path root = TestEnvironment.repoRoot();
		Path catalog = root.resolve("collector-service/src/main/resources/sample/catalog.csv");
		List<String> expected = replayedSeries(CardsConfigReader.read(root.resolve("config/cards.yaml")));
		if (Boolean.getBoolean("sample.catalog.write")) {
			Files.write(catalog, expected, StandardCharsets.UTF_8);
		}
		assertThat(Files.readAllLines(catalog, StandardCharsets.UTF_8))
			.as("%s is out of date: rerun this test with -Dsample.catalog.write=true", catalog)
			.containsExactlyElementsOf(expected);
	}

	@Test
	void catalogWhenShippedShouldCoverBothDatasetsAndTheFullDateRange() throws IOException {
		List<String> lines = Files.readAllLines(
				TestEnvironment.repoRoot().resolve("collector-service/src/main/resources/sample/catalog.csv"));
		assertThat(lines).first().isEqualTo(HEADER);
		List<String> rows = lines.subList(1, lines.size());
		assertThat(rows).filteredOn((row) -> row.contains(",pytcgplayer,")).hasSize(43);
		assertThat(rows).filteredOn((row) -> row.contains(",tcgcsv,")).hasSize(918);
		// the last three fields never hold quotes or commas: first_day, last_day, days
		assertThat(rows).extracting((row) -> row.split(",")).anySatisfy((fields) -> {
			assertThat(fields[fields.length - 3]).isEqualTo("2025-04-22");
			assertThat(fields[fields.length - 2]).isEqualTo("2026-08-22");
		});
		assertThat(rows).filteredOn((row) -> row.startsWith("swsh07_umbreon_vmax_215,"))
			.singleElement()
			.asString()
			.contains(",pytcgplayer,");
	}

	private static List<String> replayedSeries(CardsConfig config) {
		SamplePriceSource source = new SamplePriceSource(null);
		SamplePrices prices = SamplePrices.load();
		DayWindow window = source.window(null, null, LocalDate.now());
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		for (TrackedSet set : config.sets()) {
			for (CardResult result : source.fetch(set, window).cards()) {
				if (result instanceof CardResult.Collected collected) {
					List<LocalDate> days = collected.prices()
						.stream()
						.map(DailyPrice::date)
						.filter(window::contains)
						.sorted()
						.toList();
					if (!days.isEmpty()) {
						TrackedCard card = collected.card();
						String dataset = (prices.pytcgplayer(card.tcgplayerId()) != null) ? "pytcgplayer" : "tcgcsv";
						lines.add(String.join(",", card.internalId(), csv(set.set().name()), csv(card.name()),
								csv(card.cardNumber()), csv(card.rarity()), csv(card.printing()), card.category(),
								dataset, days.get(0).toString(), days.get(days.size() - 1).toString(),
								String.valueOf(days.size())));
					}
				}
			}
		}
		return lines;
	}

	private static String csv(String value) {
		if (value == null) {
			return "";
		}
		return (value.contains(",") || value.contains("\"")) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

}
