package dev.pokewatch.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.training.validate.RedisProperties;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * Generates small, deterministic raw data sets the way the collector writes them: one
 * file per set and day.
 */
public final class TestData {

	/** The first generated day. */
	public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

	/** The online feature store's default settings, for commands built by hand. */
	public static final RedisProperties.Features ONLINE_FEATURES = new RedisProperties.Features(true,
			OnlineFeatures.DEFAULT_PREFIX, Duration.ofDays(30));

	private TestData() {
	}

	/**
	 * Writes {@code days} days of prices for {@code cards} cards of two sets: random
	 * walks with a few swings of 10-20 % (so that signals occur), one missing day and one
	 * zero price per card.
	 * @param rawDir the raw directory
	 * @param cards cards per set
	 * @param days days
	 * @return the rows written
	 */
	public static List<RawPriceRow> writeRaw(Path rawDir, int cards, int days) {
		Random random = new Random(42);
		List<RawPriceRow> all = new ArrayList<>();
		for (String set : List.of("Set Alpha", "Set Beta")) {
			String safe = set.toLowerCase().replace(' ', '_');
			double[] prices = new double[cards];
			for (int c = 0; c < cards; c++) {
				prices[c] = 20 + 40 * c + random.nextInt(10);
			}
			for (int d = 0; d < days; d++) {
				LocalDate day = FIRST_DAY.plusDays(d);
				List<RawPriceRow> rows = new ArrayList<>();
				for (int c = 0; c < cards; c++) {
					double step = (random.nextDouble() - 0.5) * 0.04;
					if (random.nextInt(12) == 0) {
						step += (random.nextBoolean() ? 1 : -1) * (0.12 + random.nextDouble() * 0.08);
					}
					prices[c] = Math.max(1, prices[c] * (1 + step));
					if (d == 40 + c) {
						continue;
					}
					double price = (d == 50 + c) ? 0.0 : Math.round(prices[c] * 100) / 100.0;
					rows.add(row(safe + "_card_" + c, set, day, price, (c % 2 == 0) ? "chase" : "grail"));
				}
				RawPricesCodec.write(rawDir.resolve(safe + "_prices_" + day + ".parquet"), rows);
				all.addAll(rows);
			}
		}
		return all;
	}

	/**
	 * A raw row.
	 * @param cardId card
	 * @param set set name
	 * @param day day
	 * @param price market price
	 * @param category category
	 * @return the row, collected at 20:00 UTC that day
	 */
	public static RawPriceRow row(String cardId, String set, LocalDate day, Double price, String category) {
		Instant collectedAt = day.atTime(20, 0).toInstant(ZoneOffset.UTC);
		return new RawPriceRow(cardId, "001", "Card " + cardId, set, set, day, price, category, "Rare", "123", "sample",
				null, null, null, "USD", collectedAt);
	}

	/**
	 * Writes a params.yaml whose paths point into {@code root}.
	 * @param root the project directory
	 * @param extra YAML appended (e.g. a gate group)
	 * @return the file
	 * @throws IOException on write failure
	 */
	public static Path writeParams(Path root, String extra) throws IOException {
		String yaml = """
				paths:
				  raw_dir: %1$s/data/raw
				  processed_dir: %1$s/data/processed
				  candidate_dir: %1$s/models/candidate
				  baseline_dir: %1$s/models/baseline
				  reports_dir: %1$s/reports
				train:
				  grid:
				    types: [sma, ewma, median]
				    windows: [3, 7, 14]
				  holdout_days: 20
				  min_signals: 3
				""".formatted(root.toAbsolutePath()) + extra;
		Path file = root.resolve("params.yaml");
		Files.writeString(file, yaml);
		return file;
	}

}
