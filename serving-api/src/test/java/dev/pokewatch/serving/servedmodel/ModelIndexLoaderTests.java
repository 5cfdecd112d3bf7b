package dev.pokewatch.serving.servedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ServedFeaturesBinary;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ModelIndexLoader}.
 */
@ExtendWith(OutputCaptureExtension.class)
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
		assertThat(index.signalRule().buyThreshold()).isEqualTo(0.10);
		assertThat(index.signalRule().minSignalPrice()).isEqualTo(2.0);
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

	@Test
	void readSeriesWhenRowsHaveGapsNullsAndOutliersShouldKeepOnlyMarketDaysWithTheirValues() {
		Path file = writeFeatures(List.of(row("a", "A", "2025-01-01", 10.0, null, false),
				row("a", "A", "2025-01-02", null, 9.0, false), row("a", "A", "2025-01-04", 12.0, 11.0, true),
				row("a", null, "2025-01-05", 13.0, -1.0, false), row("b", "B", "2025-01-03", Double.NaN, 1.0, false),
				row("c", "C", "2025-01-03", null, 1.0, false)));
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(file, "test-v1");
		assertThat(cards).containsOnlyKeys("a");
		ServedSeries a = cards.get("a");
		assertThat(a.size()).isEqualTo(3);
		assertThat(a.date(0)).isEqualTo(LocalDate.parse("2025-01-01"));
		assertThat(a.date(1)).isEqualTo(LocalDate.parse("2025-01-04"));
		assertThat(a.date(2)).isEqualTo(LocalDate.parse("2025-01-05"));
		assertThat(a.fairPrice(0)).isNaN();
		assertThat(a.fairPrice(1)).isEqualTo(11.0);
		assertThat(a.fairPrice(2)).as("a non-positive fair price is no fair price").isNaN();
		assertThat(a.marketPrice(2)).isEqualTo(13.0);
		assertThat(a.outlier(1)).isTrue();
		assertThat(a.outlier(2)).isFalse();
		assertThat(a.cardName()).isEqualTo("A");
	}

	@Test
	void readSeriesWhenCardsAreInterleavedAndUnsortedShouldSortEachCardAndTakeNamesOfItsLatestDay() {
		Path file = writeFeatures(List.of(row("x", "X new", "2025-01-03", 3.0, 2.0, false),
				row("y", "Y", "2025-01-01", 7.0, 7.0, false), row("x", "X old", "2025-01-01", 1.0, null, false),
				row("y", "Y", "2025-01-02", 8.0, 7.0, false), row("x", "X mid", "2025-01-02", 2.0, 1.0, false)));
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(file, "test-v1");
		ServedSeries x = cards.get("x");
		assertThat(x.size()).isEqualTo(3);
		assertThat(x.marketPrice(0)).isEqualTo(1.0);
		assertThat(x.marketPrice(1)).isEqualTo(2.0);
		assertThat(x.marketPrice(2)).isEqualTo(3.0);
		assertThat(x.fairPrice(2)).isEqualTo(2.0);
		assertThat(x.cardName()).isEqualTo("X new");
		assertThat(x.setName()).isEqualTo("Set");
		assertThat(cards.get("y").latestDate()).isEqualTo(LocalDate.parse("2025-01-02"));
	}

	@Test
	void readSeriesWhenRowsCarryDispersionAndCategoryShouldKeepThemPerDayAndPerCard() {
		Path file = writeFeatures(List.of(TestModels.row("x", "X", "Singles", "2025-01-03", 3.0, 2.0, 0.03, false),
				TestModels.row("y", "Y", null, "2025-01-01", 7.0, 7.0, null, false),
				TestModels.row("x", "X", "Old", "2025-01-01", 1.0, null, null, false),
				TestModels.row("y", "Y", null, "2025-01-02", 8.0, 7.0, null, false),
				TestModels.row("x", "X", null, "2025-01-02", 2.0, 1.0, 0.02, false),
				TestModels.row("x", "X", "Singles", "2025-01-04", 4.0, 3.0, -0.5, false)));
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(file, "test-v1");
		ServedSeries x = cards.get("x");
		assertThat(x.dispersion(0)).isNaN();
		assertThat(x.dispersion(1)).isEqualTo(0.02);
		assertThat(x.dispersion(2)).isEqualTo(0.03);
		assertThat(x.dispersion(3)).as("a non-positive dispersion is no dispersion").isNaN();
		assertThat(x.category()).isEqualTo("Singles");
		ServedSeries y = cards.get("y");
		assertThat(y.dispersion(0)).isNaN();
		assertThat(y.dispersion(1)).isNaN();
		assertThat(y.category()).isNull();
	}

	@Test
	void readSeriesWhenACardComesBackAfterOtherCardsShouldKeepAllItsDays() {
		Path file = writeFeatures(List.of(row("x", "X", "2025-01-01", null, null, false),
				row("y", "Y", "2025-01-01", 5.0, null, false), row("x", "X", "2025-01-02", 2.0, 1.0, false),
				row("y", "Y", "2025-01-02", 6.0, 5.0, false), row("x", "X", "2025-01-03", 3.0, 2.0, true)));
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(file, "test-v1");
		ServedSeries x = cards.get("x");
		assertThat(x.size()).isEqualTo(2);
		assertThat(x.firstDate()).isEqualTo(LocalDate.parse("2025-01-02"));
		assertThat(x.marketPrice(1)).isEqualTo(3.0);
		assertThat(x.outlier(1)).isTrue();
		assertThat(cards.get("y").size()).isEqualTo(2);
	}

	@Test
	void readSeriesWhenManyRowsShouldMatchTheRowByRowContent() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (int card = 0; card < 30; card++) {
			for (int day = 0; day < 400; day++) {
				Double market = (day % 7 == 3) ? null : (double) (card * 1000 + day);
				rows.add(row("card_" + card, "Card " + card, LocalDate.parse("2024-01-01").plusDays(day).toString(),
						market, (day == 0) ? null : card + day / 2.0, day % 50 == 0));
			}
		}
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(writeFeatures(rows), "test-v1");
		assertThat(cards).hasSize(30);
		for (ServedFeaturesCodec.Row row : rows) {
			ServedSeries series = cards.get(row.cardId());
			int at = series.indexAtOrBefore((int) row.date().toEpochDay());
			if (row.marketPrice() == null) {
				assertThat(at < 0 || series.epochDay(at) < row.date().toEpochDay()).isTrue();
				continue;
			}
			assertThat(series.date(at)).isEqualTo(row.date());
			assertThat(series.marketPrice(at)).isEqualTo(row.marketPrice());
			assertThat(series.outlier(at)).isEqualTo(row.outlier());
			if (row.fairPrice() == null) {
				assertThat(series.fairPrice(at)).isNaN();
			}
			else {
				assertThat(series.fairPrice(at)).isEqualTo(row.fairPrice());
			}
		}
	}

	@Test
	void readSeriesWhenRowsAreOrderedByDateThenCardShouldBuildEveryCard() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (int day = 0; day < 60; day++) {
			for (int card = 0; card < 30; card++) {
				rows.add(row("card_" + card, null, LocalDate.parse("2024-01-01").plusDays(day).toString(),
						card * 100.0 + day, null, false));
			}
		}
		Map<String, ServedSeries> cards = ModelIndexLoader.readSeries(writeFeatures(rows), "test-v1");
		assertThat(cards).hasSize(30);
		ServedSeries last = cards.get("card_29");
		assertThat(last.size()).isEqualTo(60);
		for (int day = 0; day < 60; day++) {
			assertThat(last.marketPrice(day)).isEqualTo(2900.0 + day);
		}
	}

	@Test
	void readSeriesWhenACardHasTwoRowsForOneDayShouldNameCardAndDay() {
		Path file = writeFeatures(List.of(row("x", null, "2025-01-02", 1.0, null, false),
				row("x", null, "2025-01-01", 1.0, null, false), row("x", null, "2025-01-02", 2.0, null, false)));
		assertThatExceptionOfType(ModelLoadException.class)
			.isThrownBy(() -> ModelIndexLoader.readSeries(file, "test-v1"))
			.withMessageContaining("duplicate row for card 'x' on 2025-01-02")
			.withMessageContaining(file.toString());
	}

	@Test
	void readSeriesWhenAColumnIsMissingShouldNameFileAndColumn() {
		Schema schema = SchemaBuilder.record("partial")
			.fields()
			.requiredString("card_id")
			.requiredInt("date")
			.optionalDouble("market_price")
			.endRecord();
		Path file = this.dir.resolve("partial.parquet");
		ParquetFiles.writeAtomically(file, schema, List.of("a"), (id) -> {
			GenericRecord record = new GenericData.Record(schema);
			record.put("card_id", id);
			record.put("date", 1);
			record.put("market_price", 1.0);
			return record;
		});
		assertThatExceptionOfType(ModelLoadException.class)
			.isThrownBy(() -> ModelIndexLoader.readSeries(file, "test-v1"))
			.withMessageContaining(file.toString())
			.withMessageContaining("cannot read")
			.withMessageContaining("required column 'card_name' is missing");
	}

	private Path writeFeatures(List<ServedFeaturesCodec.Row> rows) {
		Path file = this.dir.resolve("features.parquet");
		ServedFeaturesCodec.write(file, rows);
		return file;
	}

	private static ServedFeaturesCodec.Row row(String cardId, String name, String date, Double market, Double fair,
			boolean outlier) {
		return new ServedFeaturesCodec.Row(cardId, name, "Set", "pokemon", LocalDate.parse(date), market, fair, null,
				outlier);
	}

	@Test
	void loadWhenTheBinaryCompanionBelongsToTheModelShouldReadItAndOtherwiseTheParquetFile(CapturedOutput output)
			throws Exception {
		TestModels.write(this.dir, "v1", 1.0);
		// fair prices x3 in the companion: which file answered shows in the fair price
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		ServedFeaturesBinary.write(binary, "v1", TestModels.standardRows(3.0).stream());
		assertThat(ModelIndexLoader.load(this.dir, 1).card(TestModels.CARD_A).fairPrice(1)).isEqualTo(300.0);

		// a companion of another version (a stale or foreign file) is never served
		ServedFeaturesBinary.write(binary, "v0", TestModels.standardRows(3.0).stream());
		assertThat(ModelIndexLoader.load(this.dir, 2).card(TestModels.CARD_A).fairPrice(1)).isEqualTo(100.0);
		assertThat(output).contains("belongs to model v0, not v1");

		// nor a damaged one: the Parquet file answers
		Files.write(binary, Arrays.copyOf(Files.readAllBytes(binary), 40));
		assertThat(ModelIndexLoader.load(this.dir, 3).card(TestModels.CARD_A).fairPrice(1)).isEqualTo(100.0);
	}

	@Test
	void loadFromTheBinaryCompanionShouldGiveTheSameSeriesAsTheParquetFile() throws Exception {
		TestModels.write(this.dir, TestModels.dispersionRows(), TestModels.dispersionMetadata("z1"));
		ModelIndex fromParquet = ModelIndexLoader.load(this.dir, 1);
		ServedFeaturesBinary.write(this.dir.resolve(ServedFeaturesBinary.FILE_NAME), "z1",
				TestModels.dispersionRows().stream());

		ModelIndex fromBinary = ModelIndexLoader.load(this.dir, 2);

		assertThat(fromBinary.sortedCardIds()).isEqualTo(fromParquet.sortedCardIds());
		for (String card : fromParquet.sortedCardIds()) {
			ServedSeries a = fromParquet.card(card);
			ServedSeries b = fromBinary.card(card);
			assertThat(b.size()).isEqualTo(a.size());
			assertThat(b.cardName()).isEqualTo(a.cardName());
			assertThat(b.category()).isEqualTo(a.category());
			for (int i = 0; i < a.size(); i++) {
				assertThat(b.epochDay(i)).isEqualTo(a.epochDay(i));
				assertThat(Double.valueOf(b.marketPrice(i))).isEqualTo(Double.valueOf(a.marketPrice(i)));
				assertThat(Double.valueOf(b.fairPrice(i))).isEqualTo(Double.valueOf(a.fairPrice(i)));
				assertThat(Double.valueOf(b.dispersion(i))).isEqualTo(Double.valueOf(a.dispersion(i)));
				assertThat(b.outlier(i)).isEqualTo(a.outlier(i));
			}
		}
	}

}
