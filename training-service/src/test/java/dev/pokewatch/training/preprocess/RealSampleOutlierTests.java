package dev.pokewatch.training.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.feature.FeatureBuilder;
import dev.pokewatch.common.feature.ProcessedPriceRow;
import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.training.TestData;
import dev.pokewatch.training.params.ParamsReader;
import dev.pokewatch.training.tracking.MlflowTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the outlier rule of {@code params.yaml} on the real recorded history bundled
 * with the collector ({@code sample/pytcgplayer}: 43 products, ~480 days each), whose
 * known anomalies are the prices below 10 % of their product's median (the data source's
 * {@code suspect} mark, see that folder's SOURCE.md): 27 zero prices of Lugia V, a week
 * of zeros of a Silver Tempest box, and ~3-week runs of $0.7–2.9 prints of Pikachu ex, a
 * Celebrations ETB and a Lost Origin box.
 */
class RealSampleOutlierTests {

	@Test
	void outlierRuleShouldFlagExactlyTheRecordedAnomalies() throws IOException {
		Path root = MlflowTestServer.repoRoot();
		Path sample = root.resolve("collector-service/src/main/resources/sample/pytcgplayer/prices.csv");
		// the sample is part of the repository: its absence is a failure, never a skip
		assertThat(sample).isRegularFile();
		List<String> lines = Files.readAllLines(sample);
		assertThat(lines.get(0)).isEqualTo("tcgplayer_id,date,market_price");
		List<RawPriceRow> rows = new ArrayList<>();
		Map<String, List<Double>> byProduct = new HashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			double price = Double.parseDouble(f[2]);
			rows.add(TestData.row(f[0], "set", LocalDate.parse(f[1]), price, "card"));
			byProduct.computeIfAbsent(f[0], (id) -> new ArrayList<>()).add(price);
		}
		Map<String, Double> medians = new HashMap<>();
		byProduct.forEach((id, prices) -> medians.put(id, median(prices)));
		Set<String> suspects = new HashSet<>();
		for (RawPriceRow row : rows) {
			if (row.marketPrice() < 0.1 * medians.get(row.cardId())) {
				suspects.add(row.cardId() + "@" + row.date());
			}
		}

		List<ProcessedPriceRow> processed = FeatureBuilder.build(rows,
				ParamsReader.read(root.resolve("params.yaml"), true).outlier());

		Set<String> flagged = new HashSet<>();
		processed.stream()
			.filter(ProcessedPriceRow::outlier)
			.forEach((r) -> flagged.add(r.raw().cardId() + "@" + r.raw().date()));
		assertThat(byProduct).hasSize(43);
		assertThat(suspects).hasSize(140);
		assertThat(flagged).isEqualTo(suspects);
	}

	private static double median(List<Double> prices) {
		List<Double> sorted = new ArrayList<>(prices);
		sorted.sort(null);
		int mid = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
	}

}
