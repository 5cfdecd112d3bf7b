package dev.pokewatch.common.feature;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import dev.pokewatch.common.parquet.ColumnScan;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;

/**
 * Reads processed files straight into {@link CardSeries}, the form training needs,
 * without a {@link ProcessedPriceRow} per row: only the columns the series use are read,
 * column by column. Files whose columns have other physical types than the ones
 * {@link ProcessedPriceParquet} writes are read row by row instead, with the same result.
 *
 * @since 0.1.0
 */
public final class ProcessedSeriesReader {

	private static final List<String> COLUMNS = List.of("card_id", "card_name", "set_name", "category", "date",
			"market_price", "is_outlier");

	private ProcessedSeriesReader() {
	}

	/**
	 * Reads files into series, as {@link CardSeries#of(List)} would from all their rows
	 * in file order.
	 * @param files the processed files, in the order their rows count (later rows win for
	 * a repeated card and day)
	 * @return the series and the number of rows read
	 * @throws ParquetFileException naming the file at fault
	 */
	public static Result read(List<Path> files) {
		Map<Binary, Card> cards = new LinkedHashMap<>();
		long rows = 0;
		for (Path file : files) {
			MessageType schema = ParquetFiles.schemaOf(file);
			for (String column : ProcessedPriceParquet.REQUIRED_COLUMNS) {
				if (!schema.containsField(column)) {
					throw new ParquetFileException(file, "schema drift: required column '" + column + "' is missing",
							null);
				}
			}
			rows += scannable(schema) ? scan(file, schema, cards) : readRows(file, cards);
		}
		List<CardSeries> series = new ArrayList<>(cards.size());
		for (Card card : cards.values()) {
			series.add(card.toSeries());
		}
		return new Result(series, rows);
	}

	static boolean scannable(MessageType schema) {
		return ColumnScan.hasColumn(schema, "card_id", PrimitiveTypeName.BINARY)
				&& ColumnScan.hasColumn(schema, "card_name", PrimitiveTypeName.BINARY)
				&& ColumnScan.hasColumn(schema, "set_name", PrimitiveTypeName.BINARY)
				&& ColumnScan.hasColumn(schema, "category", PrimitiveTypeName.BINARY)
				&& ColumnScan.hasColumn(schema, "date", PrimitiveTypeName.INT32)
				&& schema.getType("date")
					.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
				&& ColumnScan.hasColumn(schema, "market_price", PrimitiveTypeName.DOUBLE)
				&& ColumnScan.hasColumn(schema, "is_outlier", PrimitiveTypeName.BOOLEAN);
	}

	private static long scan(Path file, MessageType schema, Map<Binary, Card> cards) {
		long[] rows = new long[1];
		ColumnScan.scan(file, schema, COLUMNS, (group) -> {
			ColumnReader cardId = group.column("card_id");
			ColumnReader cardName = group.column("card_name");
			ColumnReader setName = group.column("set_name");
			ColumnReader category = group.column("category");
			ColumnReader date = group.column("date");
			ColumnReader price = group.column("market_price");
			ColumnReader outlier = group.column("is_outlier");
			for (long r = 0; r < group.rows(); r++) {
				if (!ColumnScan.RowGroup.present(cardId)) {
					throw new ParquetFileException(file, "row " + (rows[0] + r) + ": column 'card_id' must not be null",
							null);
				}
				if (!ColumnScan.RowGroup.present(date)) {
					throw new ParquetFileException(file, "row " + (rows[0] + r) + ": column 'date' must not be null",
							null);
				}
				if (!ColumnScan.RowGroup.present(outlier)) {
					throw new ParquetFileException(file,
							"row " + (rows[0] + r) + ": column 'is_outlier' must not be null", null);
				}
				Binary id = cardId.getBinary();
				Card card = cards.get(id);
				if (card == null) {
					card = new Card(id.toStringUsingUTF8());
					cards.put(id.copy(), card);
				}
				int day = date.getInteger();
				double market = ColumnScan.RowGroup.present(price) ? price.getDouble() : Double.NaN;
				if (card.add(day, market, outlier.getBoolean())) {
					card.names(binary(cardName), binary(setName), binary(category));
				}
				cardId.consume();
				cardName.consume();
				setName.consume();
				category.consume();
				date.consume();
				price.consume();
				outlier.consume();
			}
			rows[0] += group.rows();
		});
		return rows[0];
	}

	private static Object binary(ColumnReader reader) {
		return ColumnScan.RowGroup.present(reader) ? reader.getBinary().copy() : null;
	}

	private static long readRows(Path file, Map<Binary, Card> cards) {
		List<ProcessedPriceRow> rows = ProcessedPriceParquet.read(file);
		for (ProcessedPriceRow row : rows) {
			Binary id = Binary.fromString(row.raw().cardId());
			Card card = cards.computeIfAbsent(id, (key) -> new Card(row.raw().cardId()));
			Double price = row.raw().marketPrice();
			if (card.add((int) row.raw().date().toEpochDay(), (price != null) ? price : Double.NaN, row.outlier())) {
				card.names(row.raw().cardName(), row.raw().setName(), row.raw().category());
			}
		}
		return rows.size();
	}

	/**
	 * Series read from processed files.
	 *
	 * @param series one per card, in order of first appearance
	 * @param rows the number of rows read
	 */
	public record Result(List<CardSeries> series, long rows) {

	}

	/** One card's rows as they are read, in row order. */
	private static final class Card {

		private final String cardId;

		private int[] days = new int[16];

		private double[] prices = new double[16];

		private boolean[] outliers = new boolean[16];

		private int count;

		private int latestDay = Integer.MIN_VALUE;

		private Object name;

		private Object set;

		private Object category;

		Card(String cardId) {
			this.cardId = cardId;
		}

		/** Adds a row; returns whether it is the latest so far (its names win). */
		boolean add(int day, double price, boolean outlier) {
			if (this.count == this.days.length) {
				int grown = this.count * 2;
				this.days = Arrays.copyOf(this.days, grown);
				this.prices = Arrays.copyOf(this.prices, grown);
				this.outliers = Arrays.copyOf(this.outliers, grown);
			}
			this.days[this.count] = day;
			this.prices[this.count] = price;
			this.outliers[this.count] = outlier;
			this.count++;
			// as CardSeries.of: the first row of the latest day keeps the names
			if (day > this.latestDay) {
				this.latestDay = day;
				return true;
			}
			return false;
		}

		void names(Object name, Object set, Object category) {
			this.name = name;
			this.set = set;
			this.category = category;
		}

		CardSeries toSeries() {
			int first = Integer.MAX_VALUE;
			for (int k = 0; k < this.count; k++) {
				first = Math.min(first, this.days[k]);
			}
			int length = this.latestDay - first + 1;
			double[] usable = new double[length];
			double[] market = new double[length];
			boolean[] outlier = new boolean[length];
			boolean[] collected = new boolean[length];
			Arrays.fill(usable, Double.NaN);
			Arrays.fill(market, Double.NaN);
			for (int k = 0; k < this.count; k++) {
				int i = this.days[k] - first;
				double price = this.prices[k];
				market[i] = price;
				outlier[i] = this.outliers[k];
				collected[i] = true;
				usable[i] = (!this.outliers[k] && price > 0) ? price : Double.NaN;
			}
			return new CardSeries(this.cardId, text(this.name), text(this.set), text(this.category),
					LocalDate.ofEpochDay(first), usable, market, outlier, collected);
		}

		private static String text(Object value) {
			return (value instanceof Binary binary) ? binary.toStringUsingUTF8() : (String) value;
		}

	}

}
