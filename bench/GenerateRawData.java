import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pokewatch.common.card.SafeSetName;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * Writes a synthetic raw data set for the pipeline-scale benchmark: CARDS cards in SETS sets,
 * DAYS days each, as raw files exactly like the collector's. Prices follow a seeded log-normal
 * random walk with occasional zero / wrong-level prints (like the anomalies in the real data),
 * so preprocessing does realistic work. Usage: java -cp <classpath> GenerateRawData.java OUT_DIR
 * [CARDS] [DAYS] [SETS]
 */
public class GenerateRawData {

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[0]);
		int cards = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		int days = (args.length > 2) ? Integer.parseInt(args[2]) : 365;
		int sets = (args.length > 3) ? Integer.parseInt(args[3]) : 10;
		Files.createDirectories(out);
		Random random = new Random(42);
		double[] price = new double[cards];
		double[] vol = new double[cards];
		for (int c = 0; c < cards; c++) {
			price[c] = Math.exp(random.nextGaussian() * 1.2 + 3.0);
			vol[c] = 0.005 + random.nextDouble() * 0.03;
		}
		LocalDate start = LocalDate.of(2025, 1, 1);
		Instant collectedAt = Instant.parse("2026-01-01T03:00:00Z");
		int perSet = cards / sets;
		long rows = 0;
		for (int d = 0; d < days; d++) {
			LocalDate date = start.plusDays(d);
			for (int s = 0; s < sets; s++) {
				String setName = "Bench Set " + (s + 1);
				List<RawPriceRow> batch = new ArrayList<>(perSet);
				for (int c = s * perSet; c < (s + 1) * perSet; c++) {
					price[c] *= Math.exp(random.nextGaussian() * vol[c]);
					double market = price[c];
					double anomaly = random.nextDouble();
					if (anomaly < 0.001) {
						market = 0.0;
					}
					else if (anomaly < 0.002) {
						market = 1.0 + random.nextDouble() * 2;
					}
					String id = String.format("bench_%05d", c);
					batch.add(new RawPriceRow(id, (c % 300) + "/300", "Bench Card " + c, "bench-" + (s + 1), setName, date,
							Math.round(market * 100) / 100.0, (price[c] > 100) ? "grail" : "chase", "Rare", null, "bench",
							market * 0.9, market, market * 1.5, "USD", collectedAt));
				}
				RawPricesCodec.write(out.resolve(SafeSetName.of(setName) + "_prices_" + date + ".parquet"), batch);
				rows += batch.size();
			}
			if ((d + 1) % 30 == 0) {
				System.out.printf("%d/%d days, %,d rows%n", d + 1, days, rows);
			}
		}
		System.out.printf("wrote %,d rows for %,d cards x %d days into %s%n", rows, cards, days, out);
	}

}
