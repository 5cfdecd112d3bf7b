package dev.pokewatch.common.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.common.testsupport.ParquetAvroReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FlatRecordWriteSupport}.
 */
class FlatRecordWriteSupportTests {

	private static final Schema ALL_TYPES = SchemaBuilder.record("all")
		.fields()
		.requiredString("s")
		.optionalString("os")
		.requiredInt("i")
		.optionalLong("ol")
		.optionalFloat("of")
		.optionalDouble("od")
		.requiredBoolean("b")
		.endRecord();

	@TempDir
	Path dir;

	@Test
	void writeShouldProduceTheFileParquetAvroWrites() throws Exception {
		List<GenericRecord> records = new ArrayList<>();
		for (int n = 0; n < 5000; n++) {
			GenericRecord record = new GenericData.Record(ALL_TYPES);
			record.put("s", (n % 2 == 0) ? "card-" + (n % 37) : new Utf8("utf8-é-" + n));
			record.put("os", (n % 3 == 0) ? null : "x" + (n % 5));
			record.put("i", n);
			record.put("ol", (n % 4 == 0) ? null : (long) n * 1_000_000_007L);
			record.put("of", (n % 5 == 0) ? null : n / 7f);
			record.put("od", (n % 6 == 0) ? null : (n % 9 == 0) ? Double.NaN : n / 3.0);
			record.put("b", n % 7 == 0);
			records.add(record);
		}
		assertSameFileAsParquetAvro(records);
	}

	@Test
	void writeWhenStringsRepeatRowAfterRowShouldProduceTheFileParquetAvroWrites() throws Exception {
		// runs of equal strings (new instances each row, as read from different files),
		// broken by nulls and by other values, as in files sorted by card
		java.util.Random random = new java.util.Random(11);
		List<GenericRecord> records = new ArrayList<>();
		for (int n = 0; n < 5000; n++) {
			GenericRecord record = new GenericData.Record(ALL_TYPES);
			int run = n / (1 + random.nextInt(40));
			record.put("s", new String("card-" + run));
			record.put("os", (random.nextInt(10) == 0) ? null : new String("set-" + (run / 3)));
			record.put("i", n);
			record.put("ol", null);
			record.put("of", null);
			record.put("od", (random.nextInt(10) == 0) ? null : run / 3.0);
			record.put("b", false);
			records.add(record);
		}
		assertSameFileAsParquetAvro(records);
	}

	@Test
	void writeShouldEncodeDoublesWithoutADictionaryAndStringsWithOne() throws Exception {
		List<GenericRecord> records = new ArrayList<>();
		for (int n = 0; n < 2000; n++) {
			GenericRecord record = new GenericData.Record(ALL_TYPES);
			record.put("s", "card-" + (n % 10));
			record.put("os", null);
			record.put("i", n % 3);
			record.put("ol", null);
			record.put("of", null);
			// few distinct values: a dictionary would be chosen if allowed
			record.put("od", (double) (n % 4));
			record.put("b", false);
			records.add(record);
		}
		Path file = this.dir.resolve("encodings.parquet");
		ParquetFiles.writeAtomically(file, ALL_TYPES, records, (r) -> r);
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
			Map<String, Set<Encoding>> encodings = new HashMap<>();
			for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
				encodings.put(column.getPath().toDotString(), column.getEncodings());
			}
			assertThat(encodings.get("od")).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
			assertThat(encodings.get("s")).containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
			assertThat(encodings.get("i")).containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
		}
	}

	private void assertSameFileAsParquetAvro(List<GenericRecord> records) throws Exception {
		Path flat = this.dir.resolve("flat.parquet");
		Path avro = this.dir.resolve("avro.parquet");
		ParquetFiles.writeAtomically(flat, ALL_TYPES, records, (r) -> r);
		ParquetAvroReference.write(avro, ALL_TYPES, records);
		assertThat(FlatRecordWriteSupport.supports(ALL_TYPES)).isTrue();
		assertThat(Files.readAllBytes(flat)).isEqualTo(Files.readAllBytes(avro));
	}

	@Test
	void writeFlatWhenARowGivesTooFewValuesOrAWrongTypeShouldFailNamingTheFile() {
		Path file = this.dir.resolve("bad.parquet");
		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ParquetFiles.writeFlatAtomically(file, ALL_TYPES, List.of("x"),
					(row, fields) -> fields.string(row)))
			.withMessageContaining("bad.parquet")
			.withMessageContaining("needs 7 values, got 1");
		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ParquetFiles.writeFlatAtomically(file, ALL_TYPES, List.of("x"),
					(row, fields) -> fields.number(1.0)))
			.withMessageContaining("field 's' is STRING, got a DOUBLE value");
		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ParquetFiles.writeFlatAtomically(file, ALL_TYPES, List.of("x"),
					(row, fields) -> fields.string(null)))
			.withMessageContaining("Null-value for required field: s");
		assertThat(file).doesNotExist();
	}

	@Test
	void supportsWhenRawSchemaShouldBeTrueAndWhenNestedShouldBeFalse() {
		Schema nested = SchemaBuilder.record("n").fields().name("inner").type(ALL_TYPES).noDefault().endRecord();
		Schema multiUnion = SchemaBuilder.record("u")
			.fields()
			.name("v")
			.type()
			.unionOf()
			.nullType()
			.and()
			.intType()
			.and()
			.stringType()
			.endUnion()
			.noDefault()
			.endRecord();
		assertThat(FlatRecordWriteSupport.supports(RawPricesCodec.SCHEMA)).isTrue();
		assertThat(FlatRecordWriteSupport.supports(nested)).isFalse();
		assertThat(FlatRecordWriteSupport.supports(multiUnion)).isFalse();
	}

	@Test
	void writeWhenRawRowsShouldReadBack() {
		Path file = this.dir.resolve("raw.parquet");
		RawPriceRow row = new RawPriceRow("c1", null, "Name", "s", "Set", LocalDate.of(2026, 1, 2), 12.5, "grail", null,
				"9", "sample", null, 1.0, null, "USD", java.time.Instant.parse("2026-01-02T10:00:00Z"));
		RawPricesCodec.write(file, List.of(row));
		assertThat(RawPricesCodec.read(file)).containsExactly(row);
	}

}
