package dev.pokewatch.common.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads chosen top-level primitive columns of a Parquet file straight from its column
 * chunks, row group by row group, without materializing a record per row: for large files
 * the per-row records cost far more than the values themselves. The one column reader
 * every file codec ({@link RawPricesCodec},
 * {@link dev.pokewatch.common.feature.ProcessedFeaturesCodec},
 * {@link dev.pokewatch.common.served.ServedFeaturesCodec}) is built on.
 *
 * <p>
 * Every scan opens the file with {@linkplain ParquetFiles#readOptions() fresh read
 * options}, so scans may run in parallel.
 *
 * @since 0.1.0
 */
public final class ColumnReading {

	private ColumnReading() {
	}

	/**
	 * Whether a file's schema has the column as a top-level primitive of the given type.
	 * @param schema the file schema
	 * @param column the column
	 * @param type the expected physical type
	 * @return {@code true} when the column can be scanned as that type
	 */
	public static boolean hasColumn(MessageType schema, String column, PrimitiveTypeName type) {
		if (!schema.containsField(column)) {
			return false;
		}
		Type field = schema.getType(column);
		return field.isPrimitive() && field.asPrimitiveType().getPrimitiveTypeName() == type
				&& field.getRepetition() != Type.Repetition.REPEATED;
	}

	/**
	 * Checks that a file's schema has every required column.
	 * @param file the file, for the message
	 * @param schema its schema
	 * @param columns the required columns
	 * @throws ParquetFileException naming {@code file} and the first missing column
	 */
	public static void requireColumns(Path file, MessageType schema, Collection<String> columns) {
		for (String column : columns) {
			if (!schema.containsField(column)) {
				throw new ParquetFileException(file, "schema drift: required column '" + column + "' is missing", null);
			}
		}
	}

	/**
	 * Scans columns of a file, opening it once: checks that every column exists and is a
	 * primitive, then calls {@code action} once per row group.
	 * @param file the file
	 * @param columns top-level primitive columns
	 * @param action reads the row group's values
	 * @throws ParquetFileException naming {@code file} (and the column, when one is
	 * missing) if it cannot be read
	 */
	public static void scan(Path file, List<String> columns, Consumer<RowGroup> action) {
		scan(file, null, columns, action);
	}

	/**
	 * Scans columns of a file whose schema the caller already read and checked:
	 * {@code action} is called once per row group with a cursor per requested column,
	 * positioned at the group's first row.
	 * @param file the file
	 * @param schema the file's schema (from {@link ParquetFiles#schemaOf(Path)}), or
	 * {@code null} to read and check it from the file's footer
	 * @param columns top-level primitive columns present in {@code schema}
	 * @param action reads the row group's values
	 * @throws ParquetFileException naming {@code file} if it cannot be read
	 */
	public static void scan(Path file, MessageType schema, List<String> columns, Consumer<RowGroup> action) {
		scanIf(file, (fileSchema) -> {
			if (schema == null) {
				checked(file, fileSchema, columns);
			}
			return columns;
		}, action);
	}

	/**
	 * Scans the columns a file's schema calls for, opening the file once: a reader that
	 * must check the schema before choosing how to read needs no separate footer read.
	 * @param file the file
	 * @param columnsFor given the file's schema, the top-level primitive columns to scan,
	 * or {@code null} to scan nothing; may throw a {@link ParquetFileException} about the
	 * schema, which is passed on
	 * @param action reads each row group's values
	 * @return {@code false} when {@code columnsFor} chose not to scan
	 * @throws ParquetFileException naming {@code file} if it cannot be read
	 * @since 0.1.0
	 */
	public static boolean scanIf(Path file, Function<MessageType, List<String>> columnsFor, Consumer<RowGroup> action) {
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetFiles.readOptions())) {
			MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
			List<String> columns = columnsFor.apply(fileSchema);
			if (columns == null) {
				return false;
			}
			MessageType projection = projection(fileSchema, columns);
			reader.setRequestedSchema(projection);
			String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
			long firstRow = 0;
			PageReadStore pages;
			while ((pages = reader.readNextRowGroup()) != null) {
				ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new IgnoringConverter(projection),
						projection, createdBy);
				Column[] cursors = new Column[columns.size()];
				for (int c = 0; c < cursors.length; c++) {
					ColumnDescriptor descriptor = projection.getColumnDescription(new String[] { columns.get(c) });
					cursors[c] = new Column(store.getColumnReader(descriptor));
				}
				action.accept(new RowGroup(pages.getRowCount(), firstRow, columns, cursors));
				firstRow += pages.getRowCount();
			}
			return true;
		}
		catch (ParquetFileException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new ParquetFileException(file, "not a readable Parquet file: " + ParquetFiles.describe(ex), ex);
		}
	}

	private static MessageType checked(Path file, MessageType schema, List<String> columns) {
		requireColumns(file, schema, columns);
		for (String column : columns) {
			if (!schema.getType(column).isPrimitive()) {
				throw new ParquetFileException(file, "column '" + column + "' is not a primitive", null);
			}
		}
		return schema;
	}

	private static MessageType projection(MessageType schema, List<String> columns) {
		List<Type> fields = new ArrayList<>(columns.size());
		for (String column : columns) {
			fields.add(schema.getType(column));
		}
		return new MessageType(schema.getName(), fields);
	}

	/**
	 * The columns of one row group.
	 *
	 * @since 0.1.0
	 */
	public static final class RowGroup {

		private final long rows;

		private final long firstRow;

		private final List<String> names;

		private final Column[] columns;

		RowGroup(long rows, long firstRow, List<String> names, Column[] columns) {
			this.rows = rows;
			this.firstRow = firstRow;
			this.names = names;
			this.columns = columns;
		}

		/**
		 * The number of rows in this group.
		 * @return the row count
		 */
		public long rows() {
			return this.rows;
		}

		/**
		 * The index in the file of this group's first row, for messages.
		 * @return the row index
		 */
		public long firstRow() {
			return this.firstRow;
		}

		/**
		 * The cursor of a requested column.
		 * @param column the column
		 * @return its cursor, at the group's current row
		 */
		public Column column(String column) {
			int index = this.names.indexOf(column);
			if (index < 0) {
				throw new IllegalArgumentException("column '" + column + "' was not requested");
			}
			return this.columns[index];
		}

		/**
		 * Moves every column to the next row.
		 */
		public void consume() {
			for (Column column : this.columns) {
				column.consume();
			}
		}

	}

	/**
	 * A cursor over one flat column of a row group: every row holds exactly one value or
	 * a null. Read the current row's value (or not), then {@link #consume()}.
	 *
	 * @since 0.1.0
	 */
	public static final class Column {

		private final ColumnReader reader;

		private final int maxDefinitionLevel;

		private final PrimitiveTypeName type;

		private boolean read;

		private Binary lastText;

		private String lastString;

		Column(ColumnReader reader) {
			this.reader = reader;
			this.maxDefinitionLevel = reader.getDescriptor().getMaxDefinitionLevel();
			this.type = reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
		}

		/**
		 * Whether the current row has a value.
		 * @return {@code false} for a null
		 */
		public boolean present() {
			return this.reader.getCurrentDefinitionLevel() == this.maxDefinitionLevel;
		}

		/**
		 * The current value of a numeric column (any numeric physical type) as a double.
		 * @return the value, or {@code NaN} for a null
		 * @throws IllegalArgumentException naming the column when it is not numeric
		 */
		public double number() {
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

		/**
		 * The current value of a string column; a value equal to the previous row's is
		 * returned without decoding it again.
		 * @return the value, or {@code null} for a null
		 */
		public String text() {
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

		/**
		 * The current bytes of a binary column, valid until {@link #consume()}:
		 * {@link Binary#copy() copy} them to keep them.
		 * @return the value; only call when {@link #present()}
		 */
		public Binary binary() {
			this.read = true;
			return this.reader.getBinary();
		}

		/**
		 * The current value of an INT32 column.
		 * @return the value; only call when {@link #present()}
		 */
		public int integer() {
			this.read = true;
			return this.reader.getInteger();
		}

		/**
		 * The current value of an INT64 column.
		 * @return the value; only call when {@link #present()}
		 */
		public long longValue() {
			this.read = true;
			return this.reader.getLong();
		}

		/**
		 * The current value of a BOOLEAN column.
		 * @return the value; only call when {@link #present()}
		 */
		public boolean bool() {
			this.read = true;
			return this.reader.getBoolean();
		}

		/**
		 * Moves to the next row.
		 */
		public void consume() {
			// a value that was not read must be skipped before the reader moves on
			if (!this.read && present()) {
				this.reader.skip();
			}
			this.read = false;
			this.reader.consume();
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
