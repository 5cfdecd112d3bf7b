package dev.pokewatch.training.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * with the collector (20 cards, ~480 days), whose known anomalies are marked
 * {@code suspect=1}: 27 zero prices of Lugia V, a month of $1–3 prints of Pikachu ex and
 * 4 days of $0.9 of Gengar VMAX.
 */
class RealSampleOutlierTests {

	@Test
	void outlierRuleShouldFlagExactlyTheRecordedAnomalies() throws IOException {
		Path root = MlflowTestServer.repoRoot();
		Path sample = root.resolve("collector-service/src/main/resources/sample/tcgplayer_card_prices.csv");
		// the sample is part of the repository: its absence is a failure, never a skip
		assertThat(sample).isRegularFile();
		List<RawPriceRow> rows = new ArrayList<>();
		Set<String> suspects = new HashSet<>();
		List<String> lines = Files.readAllLines(sample);
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			String card = f[2];
			LocalDate day = LocalDate.parse(f[3]);
			rows.add(TestData.row(card, f[0], day, Double.parseDouble(f[4]), "card"));
			if ("1".equals(f[6])) {
				suspects.add(card + "@" + day);
			}
		}
		List<ProcessedPriceRow> processed = FeatureBuilder.build(rows,
				ParamsReader.read(root.resolve("params.yaml"), true).outlier());
		Set<String> flagged = new HashSet<>();
		processed.stream()
			.filter(ProcessedPriceRow::outlier)
			.forEach((r) -> flagged.add(r.raw().cardId() + "@" + r.raw().date()));
		assertThat(suspects).hasSize(61);
		assertThat(flagged).isEqualTo(suspects);
	}

}
