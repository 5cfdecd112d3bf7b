package dev.pokewatch.serving.servedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ModelIndexLoader}.
 */
class ModelIndexLoaderTests {

	@TempDir
	Path dir;

	@Test
	void loadWhenValidDirectoryShouldIndexCardsSortedAndSkipDaysWithoutMarketPrice() {
		TestModels.write(this.dir, "v1", 1.0);
		ModelIndex index = ModelIndexLoader.load(this.dir, 7);
		assertThat(index.generation()).isEqualTo(7);
		assertThat(index.modelVersion()).isEqualTo("v1");
		assertThat(index.sortedCardIds()).containsExactly(TestModels.CARD_A, TestModels.CARD_B, TestModels.CARD_C);
		assertThat(index.card(TestModels.CARD_NO_MARKET)).isNull();
		ServedSeries a = index.card(TestModels.CARD_A);
		assertThat(a.size()).isEqualTo(4);
		assertThat(a.firstDate()).isEqualTo(LocalDate.parse("2025-11-20"));
		assertThat(a.latestDate()).isEqualTo(LocalDate.parse("2025-11-24"));
		assertThat(a.fairPrice(0)).isNaN();
		assertThat(a.fairPrice(1)).isEqualTo(100.0);
		assertThat(a.cardName()).isEqualTo("Card A");
		assertThat(index.signalRule().buyThresholdPct()).isEqualTo(0.10);
	}

	@Test
	void indexAtOrBeforeWhenDayIsMissingShouldResolveToEarlierDay() {
		TestModels.write(this.dir, "v1", 1.0);
		ServedSeries a = ModelIndexLoader.load(this.dir, 1).card(TestModels.CARD_A);
		assertThat(a.date(a.indexAtOrBefore(day("2025-11-22")))).isEqualTo(LocalDate.parse("2025-11-21"));
		assertThat(a.date(a.indexAtOrBefore(day("2025-11-23")))).isEqualTo(LocalDate.parse("2025-11-23"));
		assertThat(a.date(a.indexAtOrBefore(day("2030-01-01")))).isEqualTo(LocalDate.parse("2025-11-24"));
		assertThat(a.indexAtOrBefore(day("2025-11-19"))).isEqualTo(-1);
	}

	@Test
	void loadWhenRowsAreUnsortedShouldSortByDate() {
		TestModels.write(this.dir, "v1",
				List.of(TestModels.row("x", null, "2025-11-03", 3.0, 2.0, false),
						TestModels.row("x", null, "2025-11-01", 1.0, null, false),
						TestModels.row("x", null, "2025-11-02", 2.0, 1.0, false)));
		ServedSeries x = ModelIndexLoader.load(this.dir, 1).card("x");
		assertThat(x.marketPrice(0)).isEqualTo(1.0);
		assertThat(x.marketPrice(2)).isEqualTo(3.0);
	}

	@Test
	void loadWhenMetadataIsMissingShouldNameTheFile() {
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining(this.dir.resolve("model_metadata.json").toString());
	}

	@Test
	void loadWhenMetadataIsCorruptShouldNameTheFile() {
		TestModels.write(this.dir, "v1", 1.0);
		TestModels.corruptMetadata(this.dir);
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining("cannot parse")
			.withMessageContaining("model_metadata.json");
	}

	@Test
	void loadWhenFeaturesFileIsMissingShouldNameIt() throws Exception {
		TestModels.write(this.dir, "v1", 1.0);
		Files.delete(this.dir.resolve(ModelMetadata.DEFAULT_FEATURES_FILE));
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining("missing")
			.withMessageContaining("features.parquet");
	}

	@Test
	void loadWhenFeaturesFileIsNotParquetShouldNameIt() throws Exception {
		TestModels.write(this.dir, "v1", 1.0);
		Files.writeString(this.dir.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), "not parquet");
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining("features.parquet");
	}

	@Test
	void loadWhenFeaturesFileEscapesTheDirectoryShouldFail() throws Exception {
		TestModels.write(this.dir, "v1", 1.0);
		Path metadata = this.dir.resolve(ModelMetadata.FILE_NAME);
		Files.writeString(metadata,
				Files.readString(metadata).replace("\"features.parquet\"", "\"../elsewhere/features.parquet\""));
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining("'features_file' must be a file name inside the model directory");
	}

	@Test
	void loadWhenACardHasTwoRowsForOneDayShouldNameCardAndDay() {
		TestModels.write(this.dir, "v1", List.of(TestModels.row("x", null, "2025-11-01", 1.0, null, false),
				TestModels.row("x", null, "2025-11-01", 2.0, null, false)));
		assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelIndexLoader.load(this.dir, 1))
			.withMessageContaining("duplicate row for card 'x' on 2025-11-01");
	}

	private static int day(String date) {
		return (int) LocalDate.parse(date).toEpochDay();
	}

}
