package dev.pokewatch.common.feature;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.common.testsupport.ParquetAvroReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProcessedFeaturesCodec}.
 */
class ProcessedFeaturesCodecTests {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	@TempDir
	Path dir;

	@Test
	void writeThenReadShouldRoundTripEveryColumn() {
		LocalDate day = LocalDate.of(2026, 3, 1);
		List<ProcessedPriceRow> rows = FeatureBuilder
			.build(List.of(FeatureBuilderTests.row("a", day, 10.0), FeatureBuilderTests.row("a", day.plusDays(1), 0.0),
					FeatureBuilderTests.row("a", day.plusDays(2), 11.0)), OutlierRule.DEFAULT);
		Path file = this.dir.resolve("s.parquet");
		ProcessedFeaturesCodec.write(file, rows);
		assertThat(ProcessedFeaturesCodec.read(file)).isEqualTo(rows);
	}

	@Test
	void writeShouldProduceTheFileParquetAvroWritesFromRecords() throws Exception {
		// cards with gaps, missing and zero prices, spikes (outliers), null strings
		java.util.Random random = new java.util.Random(17);
		List<RawPriceRow> raw = new ArrayList<>();
		for (int card = 0; card < 30; card++) {
			double level = 1 + random.nextInt(300);
			for (int d = 0; d < 200; d++) {
				if (random.nextInt(8) == 0) {
					continue;
				}
				int kind = random.nextInt(40);
				Double price = (kind == 0) ? null : (kind == 1) ? 0.0 : (kind == 2) ? level * 10 : level;
				level = Math.max(0.5, level * (0.95 + random.nextInt(100) / 1000.0));
				raw.add(new RawPriceRow("card-" + card, (card % 3 == 0) ? null : "" + card, "Name é " + card, "s1",
						"Set", DAY.plusDays(d), price, (card % 4 == 0) ? null : "cat" + (card % 2), null, "" + card,
						"sample", (kind == 3) ? null : level * 0.9, level, level * 1.1, "USD",
						Instant.parse("2026-03-01T10:00:00Z").plusSeconds(86_400L * d)));
			}
		}
		List<ProcessedPriceRow> rows = FeatureBuilder.build(raw, OutlierRule.DEFAULT);
		Path written = this.dir.resolve("codec.parquet");
		Path reference = this.dir.resolve("avro.parquet");
		ProcessedFeaturesCodec.write(written, rows);
		ParquetAvroReference.write(reference, ProcessedFeaturesCodec.SCHEMA,
				rows.stream().map(ProcessedFeaturesCodecTests::record).toList());
		assertThat(rows).hasSizeGreaterThan(5000);
		assertThat(rows).anyMatch(ProcessedPriceRow::outlier);
		assertThat(java.nio.file.Files.readAllBytes(written)).isEqualTo(java.nio.file.Files.readAllBytes(reference));
	}

	/** A row as an Avro record of the codec's schema, field by field by name. */
	private static GenericRecord record(ProcessedPriceRow row) {
		RawPriceRow raw = row.raw();
		GenericRecord record = new GenericData.Record(ProcessedFeaturesCodec.SCHEMA);
		record.put("card_id", raw.cardId());
		record.put("card_number", raw.cardNumber());
		record.put("card_name", raw.cardName());
		record.put("set_id", raw.setId());
		record.put("set_name", raw.setName());
		record.put("date", (int) raw.date().toEpochDay());
		record.put("market_price", raw.marketPrice());
		record.put("category", raw.category());
		record.put("rarity", raw.rarity());
		record.put("tcgplayer_id", raw.tcgplayerId());
		record.put("source", raw.source());
		record.put("low_price", raw.lowPrice());
		record.put("mid_price", raw.midPrice());
		record.put("high_price", raw.highPrice());
		record.put("currency", raw.currency());
		record.put("collected_at", raw.collectedAt().toEpochMilli());
		record.put("lag_1", row.lag1());
		record.put("rolling_mean_3", row.rollingMean3());
		record.put("rolling_mean_5", row.rollingMean5());
		record.put("price_return_1d", row.priceReturn1d());
		record.put("fair_value_baseline", row.fairValueBaseline());
		record.put("is_outlier", row.outlier());
		record.put("outlier_reason", row.outlierReason());
		record.put("robust_level", row.robustLevel());
		return record;
	}

	@Test
	void readWhenRawFileShouldNameMissingColumn() {
		Path file = this.dir.resolve("raw.parquet");
		RawPricesCodec.write(file, List.of(FeatureBuilderTests.row("a", LocalDate.of(2026, 3, 1), 10.0)));
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> ProcessedFeaturesCodec.read(file))
			.withMessageContaining("raw.parquet")
			.withMessageContaining("'is_outlier'");
	}

	@Test
	void readSeriesWhenWrittenByCodecShouldMatchSeriesOfAllRows() {
		List<ProcessedPriceRow> first = new ArrayList<>();
		first.add(row("b", "Old name", DAY, 10.0, false));
		first.add(row("b", "New name", DAY.plusDays(1), null, false));
		first.add(row("b", "Newer name", DAY.plusDays(3), 0.0, true));
		first.add(row("a", "A", DAY.plusDays(2), 5.0, false));
		first.add(row("a", "A2", DAY.plusDays(1), 4.0, true));
		List<ProcessedPriceRow> second = List.of(row("c", null, DAY, 7.0, false),
				row("a", "A3", DAY.plusDays(2), 6.0, false));
		Path one = this.dir.resolve("one.parquet");
		Path two = this.dir.resolve("two.parquet");
		ProcessedFeaturesCodec.write(one, first);
		ProcessedFeaturesCodec.write(two, second);
		List<ProcessedPriceRow> all = new ArrayList<>(first);
		all.addAll(second);

		ProcessedFeaturesCodec.SeriesRead result = ProcessedFeaturesCodec.readSeries(List.of(one, two));

		assertThat(result.rows()).isEqualTo(7);
		assertSameSeries(result.series(), CardSeries.of(all));
		CardSeries b = result.series().get(0);
		assertThat(b.cardName()).isEqualTo("Newer name");
		// collected without a price: a row, but no market price
		assertThat(b.collected(1)).isTrue();
		assertThat(b.hasMarketPrice(1)).isFalse();
		assertThat(b.collected(2)).isFalse();
	}

	@Test
	void readSeriesWhenColumnsHaveOtherTypesShouldReadRowByRowWithSameResult() {
		Schema schema = SchemaBuilder.record("processed_price")
			.fields()
			.requiredString("card_id")
			.optionalString("card_name")
			.name("date")
			.type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
			.noDefault()
			.optionalFloat("market_price")
			.requiredBoolean("is_outlier")
			.endRecord();
		Path file = this.dir.resolve("float.parquet");
		ParquetFiles.writeAtomically(file, schema, List.of(0, 1, 2), (i) -> {
			GenericRecord record = new GenericData.Record(schema);
			record.put("card_id", "x");
			record.put("card_name", "X" + i);
			record.put("date", (int) DAY.plusDays(i * 2).toEpochDay());
			record.put("market_price", 1.5f + i);
			record.put("is_outlier", i == 1);
			return record;
		});

		ProcessedFeaturesCodec.SeriesRead result = ProcessedFeaturesCodec.readSeries(List.of(file));

		assertThat(result.rows()).isEqualTo(3);
		assertSameSeries(result.series(), CardSeries.of(ProcessedFeaturesCodec.read(file)));
		assertThat(result.series().get(0).usable()).containsExactly(1.5, Double.NaN, Double.NaN, Double.NaN, 3.5);
	}

	@Test
	void readSeriesWhenRawFileShouldNameMissingColumn() {
		Path file = this.dir.resolve("raw.parquet");
		RawPricesCodec.write(file, List.of(FeatureBuilderTests.row("a", DAY, 10.0)));
		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ProcessedFeaturesCodec.readSeries(List.of(file)))
			.withMessageContaining("raw.parquet")
			.withMessageContaining("'is_outlier'");
	}

	private static void assertSameSeries(List<CardSeries> actual, List<CardSeries> expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int s = 0; s < expected.size(); s++) {
			CardSeries a = actual.get(s);
			CardSeries e = expected.get(s);
			assertThat(a.cardId()).isEqualTo(e.cardId());
			assertThat(a.cardName()).isEqualTo(e.cardName());
			assertThat(a.setName()).isEqualTo(e.setName());
			assertThat(a.category()).isEqualTo(e.category());
			assertThat(a.firstDay()).isEqualTo(e.firstDay());
			assertThat(a.usable()).containsExactly(e.usable());
			assertThat(a.market()).containsExactly(e.market());
			assertThat(a.outlier()).containsExactly(e.outlier());
			for (int i = 0; i < e.length(); i++) {
				assertThat(a.collected(i)).as("%s day %d", e.cardId(), i).isEqualTo(e.collected(i));
			}
		}
	}

	private static ProcessedPriceRow row(String card, String name, LocalDate date, Double price, boolean outlier) {
		RawPriceRow raw = new RawPriceRow(card, "001", name, "s1", "Set " + card, date, price, "ultra_rare", "Rare",
				"1", "sample", null, null, null, "USD", Instant.parse(date + "T12:00:00Z"));
		return new ProcessedPriceRow(raw, null, null, null, null, null, outlier, outlier ? "far_from_level" : null,
				null);
	}

}
