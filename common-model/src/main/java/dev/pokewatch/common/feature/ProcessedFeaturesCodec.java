package dev.pokewatch.common.feature;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import dev.pokewatch.common.parquet.ColumnReading;
import dev.pokewatch.common.parquet.Columns;
import dev.pokewatch.common.parquet.FlatRowEncoder;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * The codec of the processed feature files ({@code data/processed/<safe_set>.parquet}),
 * the one owner of their format: the raw columns followed by {@code lag_1,
 * rolling_mean_3, rolling_mean_5, price_return_1d, fair_value_baseline, is_outlier,
 * outlier_reason, robust_level}. It holds the schema, the atomic writer, a row reader and
 * a column reader straight into the {@link CardSeries} training needs.
 *
 * @since 0.1.0
 */
public final class ProcessedFeaturesCodec {

	/** Columns a processed file must have to be trained on. */
	public static final Set<String> REQUIRED_COLUMNS = Set.of("card_id", "date", "market_price", "is_outlier");

	/** The Avro schema: the raw schema plus the feature columns. */
	public static final Schema SCHEMA = buildSchema();

	/** The columns {@link #readSeries} reads. */
	private static final List<String> SERIES_COLUMNS = List.of("card_id", "card_name", "set_name", "category", "date",
			"market_price", "is_outlier");

	private ProcessedFeaturesCodec() {
	}

	/**
	 * Writes rows atomically, replacing {@code file}.
	 * @param file the target
	 * @param rows rows sorted by card and day
	 * @throws ParquetFileException naming the file
	 */
	public static void write(Path file, Collection<ProcessedPriceRow> rows) {
		ParquetFiles.writeFlatAtomically(file, SCHEMA, rows, ProcessedFeaturesCodec::encode);
	}

	/**
	 * Reads a processed file after checking its columns.
	 * @param file the file
	 * @return its rows in file order
	 * @throws ParquetFileException naming the file (and the column, when one is missing)
	 */
	public static List<ProcessedPriceRow> read(Path file) {
		ColumnReading.requireColumns(file, ParquetFiles.schemaOf(file), REQUIRED_COLUMNS);
		return new ArrayList<>(ParquetFiles.read(file, ProcessedFeaturesCodec::fromRecord));
	}

	/**
	 * Reads files into series, as {@link CardSeries#of(List)} would from all their rows
	 * in file order, without a {@link ProcessedPriceRow} per row: only the columns the
	 * series use are read, column by column. Files whose columns have other physical
	 * types than the ones {@link #write} writes are read row by row instead, with the
	 * same result.
	 * @param files the processed files, in the order their rows count (later rows win for
	 * a repeated card and day)
	 * @return the series and the number of rows read
	 * @throws ParquetFileException naming the file at fault (and the column, when one is
	 * missing)
	 */
	public static SeriesRead readSeries(List<Path> files) {
		Map<Binary, CardSeriesAccumulator> cards = new LinkedHashMap<>();
		long rows = 0;
		for (Path file : files) {
			MessageType schema = ParquetFiles.schemaOf(file);
			ColumnReading.requireColumns(file, schema, REQUIRED_COLUMNS);
			rows += scannable(schema) ? scanSeries(file, schema, cards) : readSeriesRows(file, cards);
		}
		List<CardSeries> series = new ArrayList<>(cards.size());
		for (CardSeriesAccumulator card : cards.values()) {
			series.add(card.toSeries());
		}
		return new SeriesRead(series, rows);
	}

	static boolean scannable(MessageType schema) {
		return ColumnReading.hasColumn(schema, "card_id", PrimitiveTypeName.BINARY)
				&& ColumnReading.hasColumn(schema, "card_name", PrimitiveTypeName.BINARY)
				&& ColumnReading.hasColumn(schema, "set_name", PrimitiveTypeName.BINARY)
				&& ColumnReading.hasColumn(schema, "category", PrimitiveTypeName.BINARY)
				&& ColumnReading.hasColumn(schema, "date", PrimitiveTypeName.INT32)
				&& schema.getType("date")
					.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
				&& ColumnReading.hasColumn(schema, "market_price", PrimitiveTypeName.DOUBLE)
				&& ColumnReading.hasColumn(schema, "is_outlier", PrimitiveTypeName.BOOLEAN);
	}

	private static long scanSeries(Path file, MessageType schema, Map<Binary, CardSeriesAccumulator> cards) {
		long[] rows = new long[1];
		ColumnReading.scan(file, schema, SERIES_COLUMNS, (group) -> {
			ColumnReading.Column cardId = group.column("card_id");
			ColumnReading.Column cardName = group.column("card_name");
			ColumnReading.Column setName = group.column("set_name");
			ColumnReading.Column category = group.column("category");
			ColumnReading.Column date = group.column("date");
			ColumnReading.Column price = group.column("market_price");
			ColumnReading.Column outlier = group.column("is_outlier");
			for (long r = 0; r < group.rows(); r++) {
				requirePresent(file, cardId, "card_id", rows[0] + r);
				requirePresent(file, date, "date", rows[0] + r);
				requirePresent(file, outlier, "is_outlier", rows[0] + r);
				Binary id = cardId.binary();
				CardSeriesAccumulator card = cards.get(id);
				if (card == null) {
					card = new CardSeriesAccumulator(id.toStringUsingUTF8());
					cards.put(id.copy(), card);
				}
				if (card.add(date.integer(), price.number(), outlier.bool())) {
					card.names(copy(cardName), copy(setName), copy(category));
				}
				group.consume();
			}
			rows[0] += group.rows();
		});
		return rows[0];
	}

	private static void requirePresent(Path file, ColumnReading.Column column, String name, long row) {
		if (!column.present()) {
			throw new ParquetFileException(file, "row " + row + ": column '" + name + "' must not be null", null);
		}
	}

	private static Binary copy(ColumnReading.Column column) {
		return column.present() ? column.binary().copy() : null;
	}

	private static long readSeriesRows(Path file, Map<Binary, CardSeriesAccumulator> cards) {
		List<ProcessedPriceRow> rows = read(file);
		for (ProcessedPriceRow row : rows) {
			Binary id = Binary.fromString(row.raw().cardId());
			CardSeriesAccumulator card = cards.computeIfAbsent(id,
					(key) -> new CardSeriesAccumulator(row.raw().cardId()));
			Double price = row.raw().marketPrice();
			if (card.add((int) row.raw().date().toEpochDay(), (price != null) ? price : Double.NaN, row.outlier())) {
				card.names(row.raw().cardName(), row.raw().setName(), row.raw().category());
			}
		}
		return rows.size();
	}

	/** Hands a row's values to the writer in {@link #SCHEMA} order. */
	static void encode(ProcessedPriceRow row, FlatRowEncoder.Fields fields) {
		RawPricesCodec.encode(row.raw(), fields);
		fields.number(row.lag1());
		fields.number(row.rollingMean3());
		fields.number(row.rollingMean5());
		fields.number(row.priceReturn1d());
		fields.number(row.fairValueBaseline());
		fields.bool(row.outlier());
		fields.string(row.outlierReason());
		fields.number(row.robustLevel());
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

	/**
	 * Series read from processed files.
	 *
	 * @param series one per card, in order of first appearance
	 * @param rows the number of rows read
	 * @since 0.1.0
	 */
	public record SeriesRead(List<CardSeries> series, long rows) {

	}

	private static Schema buildSchema() {
		SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("processed_price")
			.namespace("dev.pokewatch")
			.fields();
		for (Schema.Field field : RawPricesCodec.SCHEMA.getFields()) {
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
