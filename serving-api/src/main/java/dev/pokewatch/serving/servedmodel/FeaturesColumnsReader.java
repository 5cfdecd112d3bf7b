package dev.pokewatch.serving.servedmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import dev.pokewatch.common.served.ModelFeaturesParquet;

/**
 * Reads a model features file column by column straight into per-card primitive arrays.
 * Loading the 3.65M-row benchmark model through row objects (Avro records, then one boxed
 * row each) took seconds and a gigabyte of heap; this reads the column pages directly,
 * converts a card id or name to a {@code String} only when it changes from the previous
 * row, and skips the {@code category} column. Days without a market price are skipped
 * (as-of lookups must not land on them); rows may come in any order.
 */
final class FeaturesColumnsReader {

	private static final Configuration HADOOP_CONF = new Configuration();

	private static final ParquetReadOptions READ_OPTIONS = HadoopReadOptions.builder(HADOOP_CONF).build();

	private static final String[] COLUMNS = { "card_id", "card_name", "set_name", "date", "market_price", "fair_price",
			"is_outlier" };

	private FeaturesColumnsReader() {
	}

	/**
	 * Reads a features file into series by card id.
	 * @param file the features file
	 * @return the series of every card with at least one market price
	 * @throws ModelLoadException naming the file, and the card and day for a duplicate
	 */
	static Map<String, ServedSeries> read(Path file) {
		Map<String, CardBuilder> cards = new HashMap<>();
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), READ_OPTIONS)) {
			MessageType schema = reader.getFooter().getFileMetaData().getSchema();
			MessageType projection = projection(schema, file);
			reader.setRequestedSchema(projection);
			String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
			long rowOffset = 0;
			// how many times a card may come back after others before trimming stops
			int[] trimBudget = { 1000 };
			PageReadStore rowGroup;
			while ((rowGroup = reader.readNextRowGroup()) != null) {
				ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, new IgnoringConverter(projection),
						projection, createdBy);
				readRowGroup(store, projection, rowGroup.getRowCount(), rowOffset, cards, trimBudget, file);
				rowOffset += rowGroup.getRowCount();
			}
		}
		catch (ModelLoadException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new ModelLoadException("cannot read " + file + ": " + describe(ex), ex);
		}
		Map<String, ServedSeries> series = HashMap.newHashMap(cards.size());
		for (CardBuilder builder : cards.values()) {
			// a card without any market price is not served
			if (builder.size > 0) {
				series.put(builder.cardId, builder.build(file));
			}
		}
		return series;
	}

	private static MessageType projection(MessageType schema, Path file) {
		List<Type> fields = new ArrayList<>(COLUMNS.length);
		for (String column : COLUMNS) {
			if (!schema.containsField(column)) {
				throw new ModelLoadException("cannot read " + file + ": missing column '" + column + "' (expected "
						+ ModelFeaturesParquet.SCHEMA.getFields().size() + " columns of the features schema)");
			}
			Type type = schema.getType(column);
			if (!type.isPrimitive()) {
				throw new ModelLoadException("cannot read " + file + ": column '" + column + "' is not a primitive");
			}
			fields.add(type);
		}
		return new MessageType(schema.getName(), fields);
	}

	private static void readRowGroup(ColumnReadStoreImpl store, MessageType projection, long rows, long rowOffset,
			Map<String, CardBuilder> cards, int[] trimBudget, Path file) {
		Column cardId = new Column(store, projection, "card_id");
		Column cardName = new Column(store, projection, "card_name");
		Column setName = new Column(store, projection, "set_name");
		Column date = new Column(store, projection, "date");
		Column market = new Column(store, projection, "market_price");
		Column fair = new Column(store, projection, "fair_price");
		Column outlier = new Column(store, projection, "is_outlier");
		CardBuilder current = null;
		Binary currentId = null;
		for (long row = 0; row < rows; row++) {
			if (!cardId.present()) {
				throw new ModelLoadException(
						"cannot read " + file + ": row " + (rowOffset + row) + ": 'card_id' must not be null");
			}
			Binary id = cardId.binary();
			if (current == null || !id.equals(currentId)) {
				if (current != null && trimBudget[0] > 0) {
					// rows usually come grouped by card: give back
					// the growth slack now, so a reload next to the
					// served model needs little more than the new one
					current.trim();
				}
				currentId = id.copy();
				String text = id.toStringUsingUTF8();
				current = cards.computeIfAbsent(text, CardBuilder::new);
				if (current.size > 0) {
					// a card seen before: rows are not grouped by card,
					// and trimming at every switch would copy the
					// arrays again and again
					trimBudget[0]--;
				}
			}
			if (!date.present()) {
				throw new ModelLoadException(
						"cannot read " + file + ": row " + (rowOffset + row) + ": 'date' must not be null");
			}
			int day = date.integer();
			double marketPrice = market.number();
			// a day without a market price is not an observation; as-of lookups skip it
			if (Double.isFinite(marketPrice)) {
				double fairPrice = fair.number();
				boolean flagged = outlier.present() && outlier.bool();
				current.add(day, marketPrice, (Double.isFinite(fairPrice) && fairPrice > 0) ? fairPrice : Double.NaN,
						flagged);
				current.names(day, cardName.text(), setName.text());
			}
			cardId.consume();
			cardName.consume();
			setName.consume();
			date.consume();
			market.consume();
			fair.consume();
			outlier.consume();
		}
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == ex) ? message : ex.getClass().getSimpleName() + ": " + message;
	}

	/**
	 * One column of a flat row group: every row holds exactly one value or a null.
	 */
	private static final class Column {

		private final ColumnReader reader;

		private final int maxDefinitionLevel;

		private final PrimitiveType.PrimitiveTypeName type;

		private Binary lastText;

		private boolean read;

		private String lastString;

		Column(ColumnReadStoreImpl store, MessageType projection, String name) {
			ColumnDescriptor descriptor = projection.getColumnDescription(new String[] { name });
			this.reader = store.getColumnReader(descriptor);
			this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
			this.type = descriptor.getPrimitiveType().getPrimitiveTypeName();
		}

		boolean present() {
			return this.reader.getCurrentDefinitionLevel() == this.maxDefinitionLevel;
		}

		/** The value as a double, {@code NaN} for a null. */
		double number() {
			if (!present()) {
				return Double.NaN;
			}
			this.read = true;
			return switch (this.type) {
				case DOUBLE -> this.reader.getDouble();
				case FLOAT -> this.reader.getFloat();
				case INT32 -> this.reader.getInteger();
				case INT64 -> this.reader.getLong();
				default -> throw new IllegalArgumentException(
						"column '" + this.reader.getDescriptor().getPath()[0] + "' is not numeric: " + this.type);
			};
		}

		/** The value as a string, {@code null} for a null; repeated values share one. */
		String text() {
			if (!present()) {
				return null;
			}
			Binary value = binary();
			if (!value.equals(this.lastText)) {
				this.lastText = value.copy();
				this.lastString = value.toStringUsingUTF8();
			}
			return this.lastString;
		}

		/** Moves to the next row; a value that was not read must be skipped first. */
		Binary binary() {
			this.read = true;
			return this.reader.getBinary();
		}

		int integer() {
			this.read = true;
			return this.reader.getInteger();
		}

		boolean bool() {
			this.read = true;
			return this.reader.getBoolean();
		}

		void consume() {
			if (!this.read && present()) {
				this.reader.skip();
			}
			this.read = false;
			this.reader.consume();
		}

	}

	/**
	 * Growable primitive arrays of one card's days, in file order until {@link #build}.
	 */
	private static final class CardBuilder {

		private final String cardId;

		private int size;

		private int[] days = new int[8];

		private double[] market = new double[8];

		private double[] fair = new double[8];

		private boolean[] outliers = new boolean[8];

		private boolean sorted = true;

		private String cardName;

		private int cardNameDay = Integer.MIN_VALUE;

		private String setName;

		private int setNameDay = Integer.MIN_VALUE;

		CardBuilder(String cardId) {
			this.cardId = cardId;
		}

		void add(int day, double marketPrice, double fairPrice, boolean outlier) {
			if (this.size == this.days.length) {
				int capacity = Math.max(8, this.size * 2);
				this.days = Arrays.copyOf(this.days, capacity);
				this.market = Arrays.copyOf(this.market, capacity);
				this.fair = Arrays.copyOf(this.fair, capacity);
				this.outliers = Arrays.copyOf(this.outliers, capacity);
			}
			if (this.size > 0 && day < this.days[this.size - 1]) {
				this.sorted = false;
			}
			this.days[this.size] = day;
			this.market[this.size] = marketPrice;
			this.fair[this.size] = fairPrice;
			this.outliers[this.size] = outlier;
			this.size++;
		}

		/** Keeps the names of the latest day that has them. */
		void names(int day, String name, String set) {
			if (name != null && day >= this.cardNameDay) {
				this.cardName = name;
				this.cardNameDay = day;
			}
			if (set != null && day >= this.setNameDay) {
				this.setName = set;
				this.setNameDay = day;
			}
		}

		/** Shrinks the arrays to the rows added so far. */
		void trim() {
			if (this.days.length != this.size) {
				this.days = Arrays.copyOf(this.days, this.size);
				this.market = Arrays.copyOf(this.market, this.size);
				this.fair = Arrays.copyOf(this.fair, this.size);
				this.outliers = Arrays.copyOf(this.outliers, this.size);
			}
		}

		ServedSeries build(Path file) {
			int n = this.size;
			trim();
			int[] sortedDays = this.days;
			double[] sortedMarket = this.market;
			double[] sortedFair = this.fair;
			boolean[] sortedOutliers = this.outliers;
			if (!this.sorted) {
				sortedDays = new int[n];
				sortedMarket = new double[n];
				sortedFair = new double[n];
				sortedOutliers = new boolean[n];
				Integer[] order = new Integer[n];
				for (int i = 0; i < n; i++) {
					order[i] = i;
				}
				Arrays.sort(order, (a, b) -> Integer.compare(this.days[a], this.days[b]));
				for (int i = 0; i < n; i++) {
					sortedDays[i] = this.days[order[i]];
					sortedMarket[i] = this.market[order[i]];
					sortedFair[i] = this.fair[order[i]];
					sortedOutliers[i] = this.outliers[order[i]];
				}
			}
			for (int i = 1; i < n; i++) {
				if (sortedDays[i] == sortedDays[i - 1]) {
					throw new ModelLoadException(file + ": duplicate row for card '" + this.cardId + "' on "
							+ LocalDate.ofEpochDay(sortedDays[i]));
				}
			}
			return new ServedSeries(this.cardId, this.cardName, this.setName, sortedDays, sortedMarket, sortedFair,
					sortedOutliers);
		}

	}

	/**
	 * The column readers need a converter per column; values are read from the readers
	 * directly, so the converters ignore what they are given.
	 */
	private static final class IgnoringConverter extends GroupConverter {

		private final Converter[] converters;

		IgnoringConverter(MessageType schema) {
			this.converters = new Converter[schema.getFieldCount()];
			Arrays.setAll(this.converters, (i) -> new PrimitiveConverter() {
			});
		}

		@Override
		public Converter getConverter(int fieldIndex) {
			return this.converters[fieldIndex];
		}

		@Override
		public void start() {
		}

		@Override
		public void end() {
		}

	}

}
