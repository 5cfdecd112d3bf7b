package dev.pokewatch.common.served;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.testsupport.ParquetAvroReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServedFeaturesCodec}.
 */
class ServedFeaturesCodecTests {

	private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

	@TempDir
	Path dir;

	@Test
	void writeThenReadRowsShouldRoundTripEveryColumnIncludingNulls() {
		List<ServedFeaturesCodec.Row> rows = List.of(
				new ServedFeaturesCodec.Row("a", "A", "Set", "grail", DAY, 1.0, null, null, false),
				new ServedFeaturesCodec.Row("a", null, null, null, DAY.plusDays(1), null, 1.5, 0.02, true),
				new ServedFeaturesCodec.Row("b", "B", "Other set", "chase", DAY, 3.25, 2.5, 0.031, false));
		Path file = this.dir.resolve("features.parquet");

		ServedFeaturesCodec.write(file, rows);

		assertThat(ServedFeaturesCodec.readRows(file)).containsExactlyElementsOf(rows);
	}

	@Test
	void writeWhenStreamedShouldGiveTheFileWrittenFromAList() throws Exception {
		List<ServedFeaturesCodec.Row> rows = IntStream.range(0, 500)
			.mapToObj((i) -> new ServedFeaturesCodec.Row("card_" + (i / 50), "Card " + (i / 50), "Set", "pokemon",
					DAY.plusDays(i % 50), (i % 7 == 0) ? null : i * 1.5, (i % 5 == 0) ? null : i * 1.25,
					(i % 3 == 0) ? null : i * 0.001, i % 11 == 0))
			.toList();
		Path fromList = this.dir.resolve("list.parquet");
		Path fromStream = this.dir.resolve("stream.parquet");

		ServedFeaturesCodec.write(fromList, rows);
		ServedFeaturesCodec.write(fromStream, rows.stream());

		assertThat(fromStream).hasSameBinaryContentAs(fromList);
	}

	@Test
	void writeShouldProduceTheFileParquetAvroWritesFromRecords() throws Exception {
		java.util.Random random = new java.util.Random(23);
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (int card = 0; card < 40; card++) {
			for (int d = 0; d < 150; d++) {
				if (random.nextInt(6) == 0) {
					continue;
				}
				rows.add(new ServedFeaturesCodec.Row("card-" + card, (card % 5 == 0) ? null : "Name " + card,
						"Set " + (card / 10), (card % 3 == 0) ? null : "cat", LocalDate.of(2026, 1, 1).plusDays(d),
						(random.nextInt(10) == 0) ? null : 1 + random.nextInt(9000) / 100.0,
						(random.nextInt(10) == 0) ? null : 1 + random.nextInt(9000) / 100.0,
						(d < 20) ? null : random.nextInt(100) / 1000.0, random.nextInt(30) == 0));
			}
		}
		Path written = this.dir.resolve("codec.parquet");
		Path reference = this.dir.resolve("avro.parquet");
		ServedFeaturesCodec.write(written, rows);
		List<GenericRecord> records = new ArrayList<>();
		for (ServedFeaturesCodec.Row row : rows) {
			GenericRecord record = new GenericData.Record(ServedFeaturesCodec.SCHEMA);
			record.put("card_id", row.cardId());
			record.put("card_name", row.cardName());
			record.put("set_name", row.setName());
			record.put("category", row.category());
			record.put("date", (int) row.date().toEpochDay());
			record.put("market_price", row.marketPrice());
			record.put("fair_price", row.fairPrice());
			record.put("dispersion", row.dispersion());
			record.put("is_outlier", row.outlier());
			records.add(record);
		}
		ParquetAvroReference.write(reference, ServedFeaturesCodec.SCHEMA, records);
		assertThat(java.nio.file.Files.readAllBytes(written)).isEqualTo(java.nio.file.Files.readAllBytes(reference));
	}

	@Test
	void readShouldAnnounceEachRunOfACardAndGiveTheServedColumns() {
		Path file = this.dir.resolve("features.parquet");
		ServedFeaturesCodec
			.write(file, List.of(new ServedFeaturesCodec.Row("x", "X", "Set", "pokemon", DAY, 1.0, null, null, false),
					new ServedFeaturesCodec.Row("x", "X", "Set", "pokemon", DAY.plusDays(1), null, 0.5, null, true),
					new ServedFeaturesCodec.Row("y", "Y", null, "pokemon", DAY, 2.0, 1.0, null, false),
					new ServedFeaturesCodec.Row("x", "X", "Set", "pokemon", DAY.plusDays(2), 3.0, 2.0, 0.05, false)));
		List<String> events = new ArrayList<>();
		List<String> names = new ArrayList<>();

		ServedFeaturesCodec.read(file, new ServedFeaturesCodec.Visitor() {

			@Override
			public void card(String cardId) {
				events.add("card " + cardId);
			}

			@Override
			public void row(ServedFeaturesCodec.RowView row) {
				events.add(LocalDate.ofEpochDay(row.epochDay()) + " " + row.marketPrice() + " " + row.fairPrice() + " "
						+ row.dispersion() + " " + row.outlier() + " " + row.setName());
				names.add(row.cardName());
			}

		});

		assertThat(events).containsExactly("card x", "2026-01-01 1.0 NaN NaN false Set",
				"2026-01-02 NaN 0.5 NaN true Set", "card y", "2026-01-01 2.0 1.0 NaN false null", "card x",
				"2026-01-03 3.0 2.0 0.05 false Set");
		assertThat(names.get(1)).as("an unchanged name is decoded once").isSameAs(names.get(0));
	}

	@Test
	void readWhenAColumnIsMissingShouldNameFileAndColumn() {
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

		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> ServedFeaturesCodec.readRows(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("required column 'card_name' is missing");
	}

	@Test
	void readWhenCardIdIsNullShouldNameFileRowAndColumn() {
		Schema schema = SchemaBuilder.record("nullable_id")
			.fields()
			.optionalString("card_id")
			.optionalString("card_name")
			.optionalString("set_name")
			.optionalString("category")
			.requiredInt("date")
			.optionalDouble("market_price")
			.optionalDouble("fair_price")
			.optionalDouble("dispersion")
			.requiredBoolean("is_outlier")
			.endRecord();
		Path file = this.dir.resolve("null_id.parquet");
		ParquetFiles.writeAtomically(file, schema, List.of("a", ""), (id) -> {
			GenericRecord record = new GenericData.Record(schema);
			record.put("card_id", id.isEmpty() ? null : id);
			record.put("date", 1);
			record.put("is_outlier", false);
			return record;
		});

		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ServedFeaturesCodec.read(file, new CountingVisitor()))
			.withMessageContaining(file.toString())
			.withMessageContaining("row 1: column 'card_id' must not be null");
	}

	/** Counts rows. */
	private static final class CountingVisitor implements ServedFeaturesCodec.Visitor {

		private int rows;

		@Override
		public void card(String cardId) {
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			this.rows++;
		}

	}

}
