package dev.pokewatch.model.parquet;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import dev.pokewatch.model.price.RawPriceRow;

/**
 * The raw price file format ({@code data/raw/<safe_set>_prices_<date>.parquet}): its
 * schema, an atomic writer and a reader that checks the schema first, so that a drifted
 * file fails with its name and the column at fault.
 *
 * @since 0.1.0
 */
public final class RawPriceParquet {

	/** Columns every raw file must have; the others are read as null when absent. */
	public static final Set<String> REQUIRED_COLUMNS = Set.of("card_id", "date", "market_price");

	/** The Avro schema the collector writes. */
	public static final Schema SCHEMA = buildSchema();

	private RawPriceParquet() {
	}

	/**
	 * Writes rows atomically, replacing {@code file}.
	 * @param file the target file
	 * @param rows the rows, in the order to write (the collector sorts by card and date)
	 * @throws ParquetFileException naming the file
	 */
	public static void write(Path file, Collection<RawPriceRow> rows) {
		ParquetFiles.writeAtomically(file, SCHEMA, rows, RawPriceParquet::toRecord);
	}

	/**
	 * Reads a raw file after checking its schema.
	 * @param file the file
	 * @return its rows
	 * @throws ParquetFileException naming the file (and the column, for schema drift)
	 */
	public static List<RawPriceRow> read(Path file) {
		checkSchema(file, ParquetFiles.schemaOf(file));
		return ParquetFiles.read(file, RawPriceParquet::fromRecord);
	}

	private static void checkSchema(Path file, MessageType schema) {
		for (String column : REQUIRED_COLUMNS) {
			if (!schema.containsField(column)) {
				throw new ParquetFileException(file, "schema drift: required column '" + column + "' is missing", null);
			}
		}
		Type price = schema.getType("market_price");
		if (!price.isPrimitive() || !isNumeric(price.asPrimitiveType().getPrimitiveTypeName())) {
			throw new ParquetFileException(file,
					"schema drift: column 'market_price' is " + price + ", expected a number", null);
		}
		Type cardId = schema.getType("card_id");
		if (!cardId.isPrimitive() || cardId.asPrimitiveType()
			.getPrimitiveTypeName() != org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY) {
			throw new ParquetFileException(file, "schema drift: column 'card_id' is " + cardId + ", expected a string",
					null);
		}
	}

	private static boolean isNumeric(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName type) {
		return switch (type) {
			case DOUBLE, FLOAT, INT32, INT64 -> true;
			default -> false;
		};
	}

	static GenericRecord toRecord(RawPriceRow row) {
		GenericRecord record = new GenericData.Record(SCHEMA);
		record.put("card_id", row.cardId());
		record.put("card_number", row.cardNumber());
		record.put("card_name", row.cardName());
		record.put("set_id", row.setId());
		record.put("set_name", row.setName());
		record.put("date", (int) row.date().toEpochDay());
		record.put("market_price", row.marketPrice());
		record.put("category", row.category());
		record.put("rarity", row.rarity());
		record.put("tcgplayer_id", row.tcgplayerId());
		record.put("source", row.source());
		record.put("low_price", row.lowPrice());
		record.put("mid_price", row.midPrice());
		record.put("high_price", row.highPrice());
		record.put("currency", row.currency());
		record.put("collected_at", row.collectedAt().toEpochMilli());
		return record;
	}

	static RawPriceRow fromRecord(GenericRecord record) {
		LocalDate date = Columns.date(record, "date");
		java.time.Instant collectedAt = Columns.instant(record, "collected_at");
		String source = Columns.string(record, "source");
		return new RawPriceRow(Columns.requiredString(record, "card_id"), Columns.string(record, "card_number"),
				Columns.string(record, "card_name"), Columns.string(record, "set_id"),
				Columns.string(record, "set_name"), date, Columns.number(record, "market_price"),
				Columns.string(record, "category"), Columns.string(record, "rarity"),
				Columns.string(record, "tcgplayer_id"), (source != null) ? source : "unknown",
				Columns.number(record, "low_price"), Columns.number(record, "mid_price"),
				Columns.number(record, "high_price"), Columns.string(record, "currency"),
				(collectedAt != null) ? collectedAt : date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
	}

	private static Schema buildSchema() {
		Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
		Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
		return SchemaBuilder.record("raw_price")
			.namespace("dev.pokewatch")
			.fields()
			.requiredString("card_id")
			.optionalString("card_number")
			.optionalString("card_name")
			.optionalString("set_id")
			.optionalString("set_name")
			.name("date")
			.type(date)
			.noDefault()
			.optionalDouble("market_price")
			.optionalString("category")
			.optionalString("rarity")
			.optionalString("tcgplayer_id")
			.requiredString("source")
			.optionalDouble("low_price")
			.optionalDouble("mid_price")
			.optionalDouble("high_price")
			.optionalString("currency")
			.name("collected_at")
			.type(timestamp)
			.noDefault()
			.endRecord();
	}

}
