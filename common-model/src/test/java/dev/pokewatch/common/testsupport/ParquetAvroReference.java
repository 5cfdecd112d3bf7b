package dev.pokewatch.common.testsupport;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import dev.pokewatch.common.parquet.ParquetFiles;

/**
 * The file parquet-avro itself writes from records, with the compression and column
 * encodings of every file the project writes: the reference the codecs' own writers must
 * match byte for byte.
 */
public final class ParquetAvroReference {

	private ParquetAvroReference() {
	}

	/**
	 * Writes the records with parquet-avro.
	 * @param file the file to write
	 * @param schema the records' schema
	 * @param records the records, in order
	 * @throws IOException if the file cannot be written
	 */
	public static void write(Path file, Schema schema, Iterable<GenericRecord> records) throws IOException {
		try (ParquetWriter<GenericRecord> writer = ParquetFiles
			.encodings(AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
				.withSchema(schema)
				.withDataModel(GenericData.get())
				.withConf(new Configuration())
				.withCompressionCodec(CompressionCodecName.SNAPPY), schema)
			.build()) {
			for (GenericRecord record : records) {
				writer.write(record);
			}
		}
	}

}
