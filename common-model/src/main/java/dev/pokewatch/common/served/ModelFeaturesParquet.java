package dev.pokewatch.common.served;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import dev.pokewatch.common.parquet.Columns;
import dev.pokewatch.common.parquet.ParquetFiles;

/**
 * The features file of a model directory: columns {@code card_id, card_name, set_name,
 * category, date, market_price, fair_price, is_outlier}.
 *
 * @since 0.1.0
 */
public final class ModelFeaturesParquet {

	/** The Avro schema of the features file. */
	public static final Schema SCHEMA = SchemaBuilder.record("model_feature")
		.namespace("dev.pokewatch")
		.fields()
		.requiredString("card_id")
		.optionalString("card_name")
		.optionalString("set_name")
		.optionalString("category")
		.name("date")
		.type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
		.noDefault()
		.optionalDouble("market_price")
		.optionalDouble("fair_price")
		.requiredBoolean("is_outlier")
		.endRecord();

	private ModelFeaturesParquet() {
	}

	/**
	 * Writes the features file atomically.
	 * @param file target file
	 * @param rows rows sorted by card and date
	 */
	public static void write(Path file, Collection<ModelFeatureRow> rows) {
		ParquetFiles.writeAtomically(file, SCHEMA, rows, (row) -> {
			GenericRecord record = new GenericData.Record(SCHEMA);
			record.put("card_id", row.cardId());
			record.put("card_name", row.cardName());
			record.put("set_name", row.setName());
			record.put("category", row.category());
			record.put("date", (int) row.date().toEpochDay());
			record.put("market_price", row.marketPrice());
			record.put("fair_price", row.fairPrice());
			record.put("is_outlier", row.outlier());
			return record;
		});
	}

	/**
	 * Reads a features file.
	 * @param file the file
	 * @return its rows in file order
	 * @throws dev.pokewatch.common.parquet.ParquetFileException naming the file
	 */
	public static List<ModelFeatureRow> read(Path file) {
		return ParquetFiles.read(file, (record) -> {
			Boolean outlier = Columns.bool(record, "is_outlier");
			return new ModelFeatureRow(Columns.requiredString(record, "card_id"), Columns.string(record, "card_name"),
					Columns.string(record, "set_name"), Columns.string(record, "category"),
					Columns.date(record, "date"), Columns.number(record, "market_price"),
					Columns.number(record, "fair_price"), Boolean.TRUE.equals(outlier));
		});
	}

}
