package dev.pokewatch.common.parquet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import dev.pokewatch.common.price.RawPriceRow;

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
		MessageType schema = ParquetFiles.schemaOf(file);
		checkSchema(file, schema);
		if (scannable(schema)) {
			return scan(file, schema);
		}
		return ParquetFiles.read(file, RawPriceParquet::fromRecord);
	}

	/** Whether the file has exactly the column types this class writes. */
	static boolean scannable(MessageType schema) {
		for (Schema.Field field : SCHEMA.getFields()) {
			String name = field.name();
			PrimitiveTypeName expected = switch (name) {
				case "date" -> PrimitiveTypeName.INT32;
				case "collected_at" -> PrimitiveTypeName.INT64;
				case "market_price", "low_price", "mid_price", "high_price" -> PrimitiveTypeName.DOUBLE;
				default -> PrimitiveTypeName.BINARY;
			};
			if (!ColumnScan.hasColumn(schema, name, expected)) {
				return false;
			}
		}
		return schema.getType("date").getLogicalTypeAnnotation() instanceof DateLogicalTypeAnnotation
				&& schema.getType("collected_at")
					.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp
				&& timestamp.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS;
	}

	/**
	 * Reads the file column by column into rows, as {@link #fromRecord} maps records; the
	 * strings of a file repeat (the same cards every day), so each distinct value is
	 * decoded once.
	 */
	private static List<RawPriceRow> scan(Path file, MessageType schema) {
		List<String> columns = SCHEMA.getFields().stream().map(Schema.Field::name).toList();
		List<RawPriceRow> rows = new ArrayList<>();
		Map<Binary, String> strings = new HashMap<>();
		ColumnScan.scan(file, schema, columns, (group) -> {
			ColumnReader[] readers = new ColumnReader[columns.size()];
			for (int c = 0; c < readers.length; c++) {
				readers[c] = group.column(columns.get(c));
			}
			for (long r = 0; r < group.rows(); r++) {
				String cardId = string(readers[0], strings);
				if (cardId == null) {
					throw new ParquetFileException(file, "row " + rows.size() + ": column 'card_id' must not be null",
							null);
				}
				if (!ColumnScan.RowGroup.present(readers[5])) {
					throw new ParquetFileException(file, "row " + rows.size() + ": column 'date' must not be null",
							null);
				}
				LocalDate date = LocalDate.ofEpochDay(readers[5].getInteger());
				String source = string(readers[10], strings);
				Instant collectedAt = ColumnScan.RowGroup.present(readers[15])
						? Instant.ofEpochMilli(readers[15].getLong()) : date.atStartOfDay(ZoneOffset.UTC).toInstant();
				rows.add(new RawPriceRow(cardId, string(readers[1], strings), string(readers[2], strings),
						string(readers[3], strings), string(readers[4], strings), date, number(readers[6]),
						string(readers[7], strings), string(readers[8], strings), string(readers[9], strings),
						(source != null) ? source : "unknown", number(readers[11]), number(readers[12]),
						number(readers[13]), string(readers[14], strings), collectedAt));
				for (ColumnReader reader : readers) {
					reader.consume();
				}
			}
		});
		return rows;
	}

	private static String string(ColumnReader reader, Map<Binary, String> strings) {
		if (!ColumnScan.RowGroup.present(reader)) {
			return null;
		}
		Binary value = reader.getBinary();
		String text = strings.get(value);
		if (text == null) {
			text = value.toStringUsingUTF8();
			strings.put(value.copy(), text);
		}
		return text;
	}

	private static Double number(ColumnReader reader) {
		return ColumnScan.RowGroup.present(reader) ? reader.getDouble() : null;
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
