package dev.pokewatch.common.parquet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import dev.pokewatch.common.price.RawPriceRow;

/**
 * The codec of the raw price files ({@code data/raw/<safe_set>_prices_<date>.parquet}),
 * the one owner of their format: the schema, an atomic writer and a reader that checks
 * the schema first, so that a drifted file fails with its name and the column at fault,
 * then reads the columns with {@link ColumnReading} (or record by record, for files
 * another writer encoded with other physical types).
 *
 * @since 0.1.0
 */
public final class RawPricesCodec {

	/** Columns every raw file must have; the others are read as null when absent. */
	public static final Set<String> REQUIRED_COLUMNS = Set.of("card_id", "date", "market_price");

	/** The Avro schema the collector writes. */
	public static final Schema SCHEMA = buildSchema();

	/** Every column of {@link #SCHEMA}, in order. */
	private static final List<String> COLUMNS = SCHEMA.getFields().stream().map(Schema.Field::name).toList();

	private RawPricesCodec() {
	}

	/**
	 * Writes rows atomically, replacing {@code file}.
	 * @param file the target file
	 * @param rows the rows, in the order to write (the collector sorts by card and date)
	 * @throws ParquetFileException naming the file
	 */
	public static void write(Path file, Collection<RawPriceRow> rows) {
		ParquetFiles.writeFlatAtomically(file, SCHEMA, rows, RawPricesCodec::encode);
	}

	/**
	 * Reads a raw file after checking its schema.
	 * @param file the file
	 * @return its rows
	 * @throws ParquetFileException naming the file (and the column, for schema drift)
	 */
	public static List<RawPriceRow> read(Path file) {
		return read(file, new SharedStrings());
	}

	/**
	 * Reads a raw file after checking its schema, taking its strings from those shared
	 * with the reads of other files: rows of many files then hold one instance of each
	 * value, which makes comparing them (and writing them again, sorted by card) much
	 * cheaper than comparing the bytes of equal strings scattered over the heap.
	 * @param file the file
	 * @param sharedStrings the strings of the files read so far; this file's are added
	 * @return its rows
	 * @throws ParquetFileException naming the file (and the column, for schema drift)
	 * @since 0.1.0
	 */
	public static List<RawPriceRow> read(Path file, SharedStrings sharedStrings) {
		List<RawPriceRow> rows = new ArrayList<>();
		// one open of the file: the schema is checked from the footer the scan reads
		boolean scanned = ColumnReading.scanIf(file, (schema) -> {
			checkSchema(file, schema);
			return scannable(schema) ? COLUMNS : null;
		}, (group) -> scan(file, group, sharedStrings, rows));
		return scanned ? rows : ParquetFiles.read(file, RawPricesCodec::fromRecord);
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
			if (!ColumnReading.hasColumn(schema, name, expected)) {
				return false;
			}
		}
		return schema.getType("date").getLogicalTypeAnnotation() instanceof DateLogicalTypeAnnotation
				&& schema.getType("collected_at")
					.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp
				&& timestamp.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS;
	}

	/**
	 * Reads one row group column by column into rows, as {@link #fromRecord} maps
	 * records; the strings repeat (the same cards every day), so each distinct value is
	 * decoded once for all the files that share {@code strings}.
	 */
	private static void scan(Path file, ColumnReading.RowGroup group, SharedStrings strings, List<RawPriceRow> rows) {
		ColumnReading.Column[] c = new ColumnReading.Column[COLUMNS.size()];
		for (int i = 0; i < c.length; i++) {
			c[i] = group.column(COLUMNS.get(i));
		}
		for (long r = 0; r < group.rows(); r++) {
			String cardId = string(c[0], strings);
			if (cardId == null) {
				throw new ParquetFileException(file, "row " + rows.size() + ": column 'card_id' must not be null",
						null);
			}
			if (!c[5].present()) {
				throw new ParquetFileException(file, "row " + rows.size() + ": column 'date' must not be null", null);
			}
			LocalDate date = LocalDate.ofEpochDay(c[5].integer());
			String source = string(c[10], strings);
			Instant collectedAt = c[15].present() ? Instant.ofEpochMilli(c[15].longValue())
					: date.atStartOfDay(ZoneOffset.UTC).toInstant();
			rows.add(new RawPriceRow(cardId, string(c[1], strings), string(c[2], strings), string(c[3], strings),
					string(c[4], strings), date, number(c[6]), string(c[7], strings), string(c[8], strings),
					string(c[9], strings), (source != null) ? source : "unknown", number(c[11]), number(c[12]),
					number(c[13]), string(c[14], strings), collectedAt));
			group.consume();
		}
	}

	private static String string(ColumnReading.Column column, SharedStrings strings) {
		return column.present() ? strings.decode(column.binary()) : null;
	}

	private static Double number(ColumnReading.Column column) {
		return column.present() ? column.number() : null;
	}

	private static void checkSchema(Path file, MessageType schema) {
		ColumnReading.requireColumns(file, schema, REQUIRED_COLUMNS);
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

	/**
	 * Hands a row's values to a writer in {@link #SCHEMA} order (as {@link #toRecord}
	 * puts them in a record).
	 * @param row the row
	 * @param fields receives the values
	 * @since 0.1.0
	 */
	public static void encode(RawPriceRow row, FlatRowEncoder.Fields fields) {
		fields.string(row.cardId());
		fields.string(row.cardNumber());
		fields.string(row.cardName());
		fields.string(row.setId());
		fields.string(row.setName());
		fields.integer((int) row.date().toEpochDay());
		fields.number(row.marketPrice());
		fields.string(row.category());
		fields.string(row.rarity());
		fields.string(row.tcgplayerId());
		fields.string(row.source());
		fields.number(row.lowPrice());
		fields.number(row.midPrice());
		fields.number(row.highPrice());
		fields.string(row.currency());
		fields.longValue(row.collectedAt().toEpochMilli());
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
