package dev.pokewatch.common.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.price.RawPriceRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RawPricesCodec}.
 */
class RawPricesCodecTests {

	private static final LocalDate DAY = LocalDate.of(2026, 8, 22);

	private static final Instant COLLECTED = Instant.parse("2026-08-23T03:00:01.123Z");

	@TempDir
	Path dir;

	@Test
	void readWhenWrittenShouldGiveSameRowsInSameOrder() {
		Path file = this.dir.resolve("sv_scarlet__violet_151_prices_2026-08-22.parquet");
		List<RawPriceRow> rows = List.of(full("b_card", 12.5), full("a_card", 301.91), full("c_card", 0.0));
		RawPricesCodec.write(file, rows);
		assertThat(RawPricesCodec.read(file)).containsExactlyElementsOf(rows);
	}

	@Test
	void readWhenStringsSharedAcrossFilesShouldGiveSameRowsHoldingOneInstancePerValue() {
		Path first = this.dir.resolve("s_prices_2026-08-22.parquet");
		Path second = this.dir.resolve("s_prices_2026-08-23.parquet");
		RawPricesCodec.write(first, List.of(full("b_card", 12.5), full("a_card", 301.91)));
		RawPricesCodec.write(second, List.of(full("a_card", 300.0)));
		SharedStrings strings = new SharedStrings();
		List<RawPriceRow> firstRows = RawPricesCodec.read(first, strings);
		List<RawPriceRow> secondRows = RawPricesCodec.read(second, strings);
		assertThat(firstRows).isEqualTo(RawPricesCodec.read(first));
		assertThat(secondRows).isEqualTo(RawPricesCodec.read(second));
		assertThat(secondRows.get(0).cardId()).isSameAs(firstRows.get(1).cardId());
		assertThat(secondRows.get(0).setName()).isSameAs(firstRows.get(0).setName());
	}

	@Test
	void readWhenEveryNullableColumnIsNullShouldKeepNulls() {
		Path file = this.dir.resolve("nulls.parquet");
		RawPriceRow sparse = new RawPriceRow("only_id", null, null, null, null, DAY, null, null, null, null, "sample",
				null, null, null, null, COLLECTED);
		RawPricesCodec.write(file, List.of(sparse, full("z", 1.0)));
		List<RawPriceRow> read = RawPricesCodec.read(file);
		assertThat(read).containsExactly(sparse, full("z", 1.0));
		assertThat(read.get(0).marketPrice()).isNull();
	}

	@Test
	void readWhenFileIsNotParquetShouldNameIt() throws IOException {
		Path file = this.dir.resolve("corrupt_prices_2026-08-22.parquet");
		Files.writeString(file, "this is not a parquet file, just text long enough to have a footer");
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> RawPricesCodec.read(file))
			.withMessageContaining(file.toString())
			.satisfies((ex) -> assertThat(ex.file()).isEqualTo(file));
	}

	@Test
	void readWhenFileIsTruncatedShouldNameIt() throws IOException {
		Path file = this.dir.resolve("truncated.parquet");
		RawPricesCodec.write(file, List.of(full("a", 1.0), full("b", 2.0)));
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> RawPricesCodec.read(file))
			.withMessageContaining(file.toString());
	}

	@Test
	void readWhenMarketPriceColumnMissingShouldNameColumn() {
		Path file = this.dir.resolve("drift.parquet");
		Schema schema = SchemaBuilder.record("r").fields().requiredString("card_id").requiredInt("date").endRecord();
		ParquetFiles.writeAtomically(file, schema, List.of("x"), (id) -> {
			GenericRecord record = new GenericData.Record(schema);
			record.put("card_id", id);
			record.put("date", 1);
			return record;
		});
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> RawPricesCodec.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("'market_price' is missing");
	}

	@Test
	void readWhenMarketPriceIsStringShouldNameColumn() {
		Path file = this.dir.resolve("string_price.parquet");
		Schema schema = SchemaBuilder.record("r")
			.fields()
			.requiredString("card_id")
			.requiredInt("date")
			.requiredString("market_price")
			.endRecord();
		ParquetFiles.writeAtomically(file, schema, List.of("x"), (id) -> {
			GenericRecord record = new GenericData.Record(schema);
			record.put("card_id", id);
			record.put("date", 1);
			record.put("market_price", "12.50");
			return record;
		});
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> RawPricesCodec.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("'market_price'")
			.withMessageContaining("expected a number");
	}

	@Test
	void writeWhenRowMapperFailsMidwayShouldKeepPreviousFileAndLeaveNoTempFile() throws IOException {
		Path file = this.dir.resolve("day.parquet");
		List<RawPriceRow> previous = List.of(full("a", 1.0), full("b", 2.0));
		RawPricesCodec.write(file, previous);
		List<RawPriceRow> next = List.of(full("a", 10.0), full("b", 20.0), full("c", 30.0));
		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ParquetFiles.writeAtomically(file, RawPricesCodec.SCHEMA, next, (row) -> {
				if (row.cardId().equals("c")) {
					throw new IllegalStateException("mapper broke on c");
				}
				return RawPricesCodec.toRecord(row);
			}))
			.withMessageContaining(file.toString())
			.withMessageContaining("mapper broke on c");
		assertThat(RawPricesCodec.read(file)).containsExactlyElementsOf(previous);
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(file);
		}
	}

	private static RawPriceRow full(String cardId, double price) {
		return new RawPriceRow(cardId, "199/165", "Charizard ex", "sv03.5", "SV: Scarlet & Violet 151", DAY, price,
				"grail", "Special illustration rare", "517045", "tcgcsv", price * 0.9, price * 1.1, 9999.0, "USD",
				COLLECTED);
	}

	@Test
	void readWhenWrittenByThisClassShouldScanColumnsToTheRowsRecordsGive() {
		List<RawPriceRow> rows = new java.util.ArrayList<>();
		for (int n = 0; n < 3000; n++) {
			LocalDate day = LocalDate.of(2026, 1, 1).plusDays(n % 40);
			boolean sparse = n % 3 == 0;
			rows.add(new RawPriceRow("card-" + (n % 50), sparse ? null : "0" + (n % 7), "Pokémon ex " + (n % 50),
					sparse ? null : "sv1", "Set é", day, (n % 11 == 0) ? null : n / 7.0, sparse ? null : "grail", null,
					sparse ? null : Integer.toString(n), "sample", sparse ? null : 1.0, null, n * 2.0,
					sparse ? null : "USD", Instant.ofEpochMilli(1_767_000_000_000L + n)));
		}
		Path file = this.dir.resolve("scan_prices_2026-01-01.parquet");
		RawPricesCodec.write(file, rows);
		assertThat(RawPricesCodec.scannable(ParquetFiles.schemaOf(file))).isTrue();
		List<RawPriceRow> scanned = RawPricesCodec.read(file);
		assertThat(scanned).isEqualTo(ParquetFiles.read(file, RawPricesCodec::fromRecord));
		assertThat(scanned).isEqualTo(rows);
		// files are read in parallel by preprocessing: readers must not share
		// decompressors
		List<Path> copies = new java.util.ArrayList<>();
		for (int n = 0; n < 16; n++) {
			Path copy = this.dir.resolve("copy" + n + "_prices_2026-01-01.parquet");
			RawPricesCodec.write(copy, rows);
			copies.add(copy);
		}
		for (int round = 0; round < 5; round++) {
			assertThat(copies.parallelStream().map(RawPricesCodec::read).toList()).allMatch(rows::equals);
		}
	}

}
