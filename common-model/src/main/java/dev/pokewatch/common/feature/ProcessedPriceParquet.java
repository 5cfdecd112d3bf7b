package dev.pokewatch.common.feature;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;

import dev.pokewatch.common.parquet.Columns;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.parquet.RawPriceParquet;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * The processed file format ({@code data/processed/<safe_set>.parquet}): the raw columns
 * followed by {@code lag_1, rolling_mean_3, rolling_mean_5, price_return_1d,
 * fair_value_baseline, is_outlier, outlier_reason, robust_level}.
 *
 * @since 0.1.0
 */
public final class ProcessedPriceParquet {

	/** Columns a processed file must have to be trained on. */
	public static final Set<String> REQUIRED_COLUMNS = Set.of("card_id", "date", "market_price", "is_outlier");

	/** The Avro schema: the raw schema plus the feature columns. */
	public static final Schema SCHEMA = buildSchema();

	private ProcessedPriceParquet() {
	}

	/**
	 * Writes rows atomically, replacing {@code file}.
	 * @param file the target
	 * @param rows rows sorted by card and day
	 * @throws ParquetFileException naming the file
	 */
	public static void write(Path file, Collection<ProcessedPriceRow> rows) {
		ParquetFiles.writeAtomically(file, SCHEMA, rows, ProcessedPriceParquet::toRecord);
	}

	/**
	 * Reads a processed file after checking its columns.
	 * @param file the file
	 * @return its rows in file order
	 * @throws ParquetFileException naming the file (and the column, when one is missing)
	 */
	public static List<ProcessedPriceRow> read(Path file) {
		MessageType schema = ParquetFiles.schemaOf(file);
		for (String column : REQUIRED_COLUMNS) {
			if (!schema.containsField(column)) {
				throw new ParquetFileException(file, "schema drift: required column '" + column + "' is missing", null);
			}
		}
		return new ArrayList<>(ParquetFiles.read(file, ProcessedPriceParquet::fromRecord));
	}

	private static GenericRecord toRecord(ProcessedPriceRow row) {
		RawPriceRow raw = row.raw();
		GenericRecord record = new GenericData.Record(SCHEMA);
		// positional puts in schema order: a name lookup per value showed up in profiles
		int field = 0;
		record.put(field++, raw.cardId());
		record.put(field++, raw.cardNumber());
		record.put(field++, raw.cardName());
		record.put(field++, raw.setId());
		record.put(field++, raw.setName());
		record.put(field++, (int) raw.date().toEpochDay());
		record.put(field++, raw.marketPrice());
		record.put(field++, raw.category());
		record.put(field++, raw.rarity());
		record.put(field++, raw.tcgplayerId());
		record.put(field++, raw.source());
		record.put(field++, raw.lowPrice());
		record.put(field++, raw.midPrice());
		record.put(field++, raw.highPrice());
		record.put(field++, raw.currency());
		record.put(field++, raw.collectedAt().toEpochMilli());
		record.put(field++, row.lag1());
		record.put(field++, row.rollingMean3());
		record.put(field++, row.rollingMean5());
		record.put(field++, row.priceReturn1d());
		record.put(field++, row.fairValueBaseline());
		record.put(field++, row.outlier());
		record.put(field++, row.outlierReason());
		record.put(field++, row.robustLevel());
		return record;
	}

	private static ProcessedPriceRow fromRecord(GenericRecord record) {
		LocalDate date = Columns.date(record, "date");
		Instant collectedAt = Columns.instant(record, "collected_at");
		String source = Columns.string(record, "source");
		RawPriceRow raw = new RawPriceRow(Columns.requiredString(record, "card_id"),
				Columns.string(record, "card_number"), Columns.string(record, "card_name"),
				Columns.string(record, "set_id"), Columns.string(record, "set_name"), date,
				Columns.number(record, "market_price"), Columns.string(record, "category"),
				Columns.string(record, "rarity"), Columns.string(record, "tcgplayer_id"),
				(source != null) ? source : "unknown", Columns.number(record, "low_price"),
				Columns.number(record, "mid_price"), Columns.number(record, "high_price"),
				Columns.string(record, "currency"),
				(collectedAt != null) ? collectedAt : date.atStartOfDay(ZoneOffset.UTC).toInstant());
		Boolean outlier = Columns.bool(record, "is_outlier");
		if (outlier == null) {
			throw new IllegalArgumentException("column 'is_outlier' must not be null");
		}
		return new ProcessedPriceRow(raw, Columns.number(record, "lag_1"), Columns.number(record, "rolling_mean_3"),
				Columns.number(record, "rolling_mean_5"), Columns.number(record, "price_return_1d"),
				Columns.number(record, "fair_value_baseline"), outlier, Columns.string(record, "outlier_reason"),
				Columns.number(record, "robust_level"));
	}

	private static Schema buildSchema() {
		SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("processed_price")
			.namespace("dev.pokewatch")
			.fields();
		for (Schema.Field field : RawPriceParquet.SCHEMA.getFields()) {
			fields = fields.name(field.name()).type(field.schema()).noDefault();
		}
		return fields.optionalDouble("lag_1")
			.optionalDouble("rolling_mean_3")
			.optionalDouble("rolling_mean_5")
			.optionalDouble("price_return_1d")
			.optionalDouble("fair_value_baseline")
			.requiredBoolean("is_outlier")
			.optionalString("outlier_reason")
			.optionalDouble("robust_level")
			.endRecord();
	}

}
