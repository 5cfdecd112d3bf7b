package dev.pokewatch.common.parquet;

/**
 * Hands the fields of one row of a flat schema (primitive fields, each optionally
 * nullable) to a Parquet writer, in schema order, straight from the row: writing millions
 * of rows this way costs no Avro record per row
 * ({@link ParquetFiles#writeFlatAtomically}).
 *
 * @param <T> the row type
 * @since 0.1.0
 */
@FunctionalInterface
public interface FlatRowEncoder<T> {

	/**
	 * Writes a row's fields, each with one call to {@code fields}, in schema order.
	 * @param row the row
	 * @param fields receives the values
	 */
	void encode(T row, Fields fields);

	/**
	 * Receives the values of one row, one call per field in schema order; a {@code null}
	 * leaves an optional field empty.
	 *
	 * @since 0.1.0
	 */
	interface Fields {

		/**
		 * The next field, a string.
		 * @param value the value, or {@code null}
		 */
		void string(String value);

		/**
		 * The next field, a double.
		 * @param value the value, or {@code null}
		 */
		void number(Double value);

		/**
		 * The next field, an int (also an Avro {@code date}).
		 * @param value the value
		 */
		void integer(int value);

		/**
		 * The next field, a long (also an Avro {@code timestamp-millis}).
		 * @param value the value
		 */
		void longValue(long value);

		/**
		 * The next field, a boolean.
		 * @param value the value
		 */
		void bool(boolean value);

		/**
		 * The next field, a value of its Avro type as a generic record holds it.
		 * @param value the value, or {@code null}
		 */
		void value(Object value);

	}

}
