package dev.pokewatch.common.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads chosen top-level primitive columns of a Parquet file straight from its column
 * chunks, row group by row group, without materializing a record per row: for large files
 * the per-row Avro records cost far more than the values themselves.
 *
 * @since 0.1.0
 */
public final class ColumnScan {

	private ColumnScan() {
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
	 * Scans columns of a file: {@code action} is called once per row group with a reader
	 * per requested column, positioned at the group's first row.
	 * @param file the file
	 * @param schema the file's schema (from {@link ParquetFiles#schemaOf(Path)})
	 * @param columns top-level primitive columns present in {@code schema}
	 * @param action reads the row group's values
	 * @throws ParquetFileException naming {@code file} if it cannot be read
	 */
	public static void scan(Path file, MessageType schema, List<String> columns, Consumer<RowGroup> action) {
		List<Type> fields = new ArrayList<>(columns.size());
		for (String column : columns) {
			fields.add(schema.getType(column));
		}
		MessageType projection = new MessageType(schema.getName(), fields);
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetFiles.readOptions())) {
			reader.setRequestedSchema(projection);
			String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
			PageReadStore pages;
			while ((pages = reader.readNextRowGroup()) != null) {
				ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
						new GroupRecordConverter(projection).getRootConverter(), projection, createdBy);
				Map<String, ColumnReader> readers = new java.util.HashMap<>();
				for (String column : columns) {
					ColumnDescriptor descriptor = projection.getColumnDescription(new String[] { column });
					readers.put(column, store.getColumnReader(descriptor));
				}
				action.accept(new RowGroup(pages.getRowCount(), readers));
			}
		}
		catch (ParquetFileException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new ParquetFileException(file, "not a readable Parquet file: " + ParquetFiles.describe(ex), ex);
		}
	}

	/**
	 * The columns of one row group.
	 *
	 * @param rows the number of rows
	 * @param readers a reader per column; a value is present when the reader's current
	 * definition level equals its column's maximum, and {@code consume()} moves to the
	 * next row
	 */
	public record RowGroup(long rows, Map<String, ColumnReader> readers) {

		/**
		 * The reader of a column.
		 * @param column the column
		 * @return its reader
		 */
		public ColumnReader column(String column) {
			return this.readers.get(column);
		}

		/**
		 * Whether the current value of a reader is non-null.
		 * @param reader the reader
		 * @return {@code true} when a value is present
		 */
		public static boolean present(ColumnReader reader) {
			return reader.getCurrentDefinitionLevel() == reader.getDescriptor().getMaxDefinitionLevel();
		}

	}

}
