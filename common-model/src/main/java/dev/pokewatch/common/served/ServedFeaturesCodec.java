package dev.pokewatch.common.served;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.parquet.io.api.Binary;

import dev.pokewatch.common.parquet.ColumnReading;
import dev.pokewatch.common.parquet.FlatRowEncoder;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.ParquetFiles;

/**
 * The codec of the served features file of a model directory
 * ({@code models/baseline/features.parquet}), the one owner of its format: columns
 * {@code card_id, card_name, set_name, category, date, market_price, fair_price,
 * dispersion, is_outlier}. Training writes it with {@link #write(Path, Stream)}; the
 * serving API loads it with {@link #read(Path, Visitor)}, column by column into its own
 * per-card arrays, without an object per row.
 *
 * <p>
 * Everything about the file is in this class, so adding a column touches it alone (plus
 * the code that fills or uses the value): a component of {@link Row}, a field in
 * {@link #SCHEMA}, its value in {@code encode} and {@code readRows}, and an accessor on
 * {@link RowView}.
 *
 * @since 0.1.0
 */
public final class ServedFeaturesCodec {

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
		.optionalDouble("dispersion")
		.requiredBoolean("is_outlier")
		.endRecord();

	private static final List<String> ALL_COLUMNS = SCHEMA.getFields().stream().map(Schema.Field::name).toList();

	private ServedFeaturesCodec() {
	}

	/**
	 * Writes the features file atomically, pulling the rows one at a time, so a caller
	 * may produce millions of rows lazily without holding them.
	 * @param file target file
	 * @param rows rows sorted by card and date
	 * @throws ParquetFileException naming the file; a previous file is then untouched
	 */
	public static void write(Path file, Stream<Row> rows) {
		ParquetFiles.writeFlatAtomically(file, SCHEMA, rows::iterator, ServedFeaturesCodec::encode);
	}

	/**
	 * Writes the features file atomically.
	 * @param file target file
	 * @param rows rows sorted by card and date
	 * @throws ParquetFileException naming the file; a previous file is then untouched
	 */
	public static void write(Path file, Collection<Row> rows) {
		write(file, rows.stream());
	}

	/** Hands a row's values to the writer in {@link #SCHEMA} order. */
	private static void encode(Row row, FlatRowEncoder.Fields fields) {
		fields.string(row.cardId());
		fields.string(row.cardName());
		fields.string(row.setName());
		fields.string(row.category());
		fields.integer((int) row.date().toEpochDay());
		fields.number(row.marketPrice());
		fields.number(row.fairPrice());
		fields.number(row.dispersion());
		fields.bool(row.outlier());
	}

	/**
	 * Reads the served columns of a features file, in file order, into a visitor:
	 * {@link Visitor#card} whenever the card id differs from the previous row's (rows
	 * usually come grouped by card, but a card may come back), then {@link Visitor#row}
	 * for each row.
	 * @param file the features file
	 * @param visitor receives the rows
	 * @throws ParquetFileException naming the file, and the column for a missing column
	 * or a null {@code card_id} or {@code date}
	 */
	public static void read(Path file, Visitor visitor) {
		scan(file, visitor);
	}

	/**
	 * Reads every row of a features file as an object, for tests and tools; serving uses
	 * {@link #read(Path, Visitor)}.
	 * @param file the file
	 * @return its rows in file order
	 * @throws ParquetFileException naming the file
	 */
	public static List<Row> readRows(Path file) {
		List<Row> rows = new ArrayList<>();
		scan(file, new Visitor() {

			private String cardId;

			@Override
			public void card(String cardId) {
				this.cardId = cardId;
			}

			@Override
			public void row(RowView row) {
				rows.add(new Row(this.cardId, row.cardName(), row.setName(), row.category(),
						LocalDate.ofEpochDay(row.epochDay()), boxed(row.marketPrice()), boxed(row.fairPrice()),
						boxed(row.dispersion()), row.outlier()));
			}

		});
		return rows;
	}

	private static Double boxed(double value) {
		return Double.isNaN(value) ? null : value;
	}

	private static void scan(Path file, Visitor visitor) {
		ColumnReading.scan(file, ALL_COLUMNS, (group) -> {
			ColumnReading.Column cardId = group.column("card_id");
			ParquetRowView row = new ParquetRowView(group);
			Binary currentId = null;
			for (long r = 0; r < group.rows(); r++) {
				if (!cardId.present()) {
					throw nullValue(file, group.firstRow() + r, "card_id");
				}
				Binary id = cardId.binary();
				if (!id.equals(currentId)) {
					currentId = id.copy();
					visitor.card(id.toStringUsingUTF8());
				}
				if (!row.hasDate()) {
					throw nullValue(file, group.firstRow() + r, "date");
				}
				visitor.row(row);
				group.consume();
			}
		});
	}

	private static ParquetFileException nullValue(Path file, long row, String column) {
		return new ParquetFileException(file, "row " + row + ": column '" + column + "' must not be null", null);
	}

	/**
	 * One (card, day) of the features file, as training writes it.
	 *
	 * @param cardId the card
	 * @param cardName display name; may be {@code null}
	 * @param setName set display name; may be {@code null}
	 * @param category card category; may be {@code null}
	 * @param date the UTC day
	 * @param marketPrice that day's market price; {@code null} when unknown
	 * @param fairPrice the model's fair price from days before {@code date}; {@code null}
	 * when there is no earlier usable price
	 * @param dispersion the card's dispersion on {@code date} (a log-price scale, see
	 * {@link dev.pokewatch.common.signal.Dispersion}); {@code null} with too little
	 * history
	 * @param outlier whether preprocessing flagged the market price as an outlier
	 * @since 0.1.0
	 */
	public record Row(String cardId, String cardName, String setName, String category, LocalDate date,
			Double marketPrice, Double fairPrice, Double dispersion, boolean outlier) {

		public Row {
			Objects.requireNonNull(cardId, "'cardId' must not be null");
			Objects.requireNonNull(date, "'date' must not be null");
		}

	}

	/**
	 * Receives the rows of a features file as {@link #read(Path, Visitor)} reads them.
	 *
	 * @since 0.1.0
	 */
	public interface Visitor {

		/**
		 * The rows that follow, up to the next call, are of this card.
		 * @param cardId the card id, decoded once per run of rows of one card
		 */
		void card(String cardId);

		/**
		 * One row of the current card.
		 * @param row a view of the row, valid only during this call
		 */
		void row(RowView row);

	}

	/**
	 * A view of the current row of a features file being read: valid only during
	 * {@link Visitor#row(RowView)}. Read from the Parquet file ({@link #read}) or from
	 * its binary companion ({@link ServedFeaturesBinary#read}), the same rows give the
	 * same values.
	 *
	 * @since 0.1.0
	 */
	public interface RowView {

		/**
		 * The UTC day.
		 * @return the day as days since the epoch
		 */
		int epochDay();

		/**
		 * That day's market price.
		 * @return the price, or {@code NaN} when unknown
		 */
		double marketPrice();

		/**
		 * The model's fair price from days before this one.
		 * @return the price, or {@code NaN} when there is none
		 */
		double fairPrice();

		/**
		 * The card's dispersion that day, the scale of its signal strength.
		 * @return the dispersion, or {@code NaN} when unknown
		 */
		double dispersion();

		/**
		 * Whether preprocessing flagged the market price as an outlier.
		 * @return the flag; {@code false} when null
		 */
		boolean outlier();

		/**
		 * The card's display name.
		 * @return the name, or {@code null}
		 */
		String cardName();

		/**
		 * The set's display name.
		 * @return the name, or {@code null}
		 */
		String setName();

		/**
		 * The card category.
		 * @return the category, or {@code null}
		 */
		String category();

	}

	/**
	 * The Parquet file's row view: each value is read from its column only when asked
	 * for; equal consecutive names are decoded once.
	 */
	private static final class ParquetRowView implements RowView {

		private final ColumnReading.Column cardName;

		private final ColumnReading.Column setName;

		private final ColumnReading.Column category;

		private final ColumnReading.Column date;

		private final ColumnReading.Column marketPrice;

		private final ColumnReading.Column fairPrice;

		private final ColumnReading.Column dispersion;

		private final ColumnReading.Column outlier;

		private ParquetRowView(ColumnReading.RowGroup group) {
			this.cardName = group.column("card_name");
			this.setName = group.column("set_name");
			this.category = group.column("category");
			this.date = group.column("date");
			this.marketPrice = group.column("market_price");
			this.fairPrice = group.column("fair_price");
			this.dispersion = group.column("dispersion");
			this.outlier = group.column("is_outlier");
		}

		@Override
		public int epochDay() {
			return this.date.integer();
		}

		@Override
		public double marketPrice() {
			return this.marketPrice.number();
		}

		@Override
		public double fairPrice() {
			return this.fairPrice.number();
		}

		@Override
		public double dispersion() {
			return this.dispersion.number();
		}

		@Override
		public boolean outlier() {
			return this.outlier.present() && this.outlier.bool();
		}

		@Override
		public String cardName() {
			return this.cardName.text();
		}

		@Override
		public String setName() {
			return this.setName.text();
		}

		@Override
		public String category() {
			return this.category.text();
		}

		private boolean hasDate() {
			return this.date.present();
		}

	}

}
