package dev.pokewatch.common.parquet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a flat Avro schema (fields of primitive types, each optionally nullable)
 * to Parquet exactly as {@code AvroWriteSupport} writes the same values as generic
 * records — same Parquet schema, same footer metadata, same values — but with one
 * prepared writer per field instead of resolving the Avro schema for every value, which
 * dominated writing large files. Rows are generic records ({@link #GENERIC_RECORDS}) or
 * any type a {@link FlatRowEncoder} hands over field by field.
 *
 * @param <T> the row type
 */
final class FlatRecordWriteSupport<T> extends WriteSupport<T> implements FlatRowEncoder.Fields {

	/** Writes a generic record's fields in schema order. */
	static final FlatRowEncoder<GenericRecord> GENERIC_RECORDS = (record, fields) -> {
		int count = record.getSchema().getFields().size();
		for (int i = 0; i < count; i++) {
			fields.value(record.get(i));
		}
	};

	/** Footer key under which parquet-avro stores the Avro schema. */
	private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

	private final Schema schema;

	private final MessageType parquetSchema;

	private final String[] names;

	private final Schema.Type[] types;

	private final boolean[] nullable;

	// per field, the last string written and its bytes: rows come sorted by card, so
	// most string values repeat the previous row's, and encoding each one again was the
	// largest single cost of writing the processed and served files
	private final Object[] lastStrings;

	private final Binary[] lastBinaries;

	private final FlatRowEncoder<T> encoder;

	private RecordConsumer consumer;

	// the index of the field the next value goes to
	private int field;

	private FlatRecordWriteSupport(Schema schema, FlatRowEncoder<T> encoder, Configuration conf) {
		this.schema = schema;
		this.encoder = encoder;
		this.parquetSchema = new AvroSchemaConverter(conf).convert(schema);
		List<Schema.Field> fields = schema.getFields();
		this.names = new String[fields.size()];
		this.types = new Schema.Type[fields.size()];
		this.nullable = new boolean[fields.size()];
		this.lastStrings = new Object[fields.size()];
		this.lastBinaries = new Binary[fields.size()];
		for (int i = 0; i < fields.size(); i++) {
			this.names[i] = fields.get(i).name();
			Schema field = fields.get(i).schema();
			this.nullable[i] = field.isUnion();
			this.types[i] = valueSchema(field).getType();
		}
	}

	/**
	 * Whether records of a schema can be written by this support.
	 * @param schema the Avro schema
	 * @return {@code true} for a record of primitive, optionally nullable, fields
	 */
	static boolean supports(Schema schema) {
		if (schema.getType() != Schema.Type.RECORD) {
			return false;
		}
		for (Schema.Field field : schema.getFields()) {
			Schema value = valueSchema(field.schema());
			if (value == null) {
				return false;
			}
			switch (value.getType()) {
				case INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING -> {
				}
				default -> {
					return false;
				}
			}
		}
		return true;
	}

	/** The non-null branch of {@code [null, x]}, the schema itself when not a union. */
	private static Schema valueSchema(Schema field) {
		if (!field.isUnion()) {
			return field;
		}
		List<Schema> branches = field.getTypes();
		if (branches.size() != 2) {
			return null;
		}
		if (branches.get(0).getType() == Schema.Type.NULL) {
			return branches.get(1).isUnion() ? null : branches.get(1);
		}
		return (branches.get(1).getType() == Schema.Type.NULL) ? branches.get(0) : null;
	}

	/**
	 * A writer builder for records of {@code schema}.
	 * @param file the output
	 * @param schema a schema {@link #supports(Schema) supported}
	 * @param encoder hands over the fields of a row
	 * @param <T> the row type
	 * @return the builder
	 */
	static <T> Builder<T> builder(OutputFile file, Schema schema, FlatRowEncoder<T> encoder) {
		return new Builder<>(file, schema, encoder);
	}

	@Override
	public String getName() {
		// the writer model name parquet-avro records: readers treat the file as theirs
		return "avro";
	}

	@Override
	public WriteContext init(Configuration configuration) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put(AVRO_SCHEMA_KEY, this.schema.toString());
		return new WriteContext(this.parquetSchema, metadata);
	}

	@Override
	public void prepareForWrite(RecordConsumer recordConsumer) {
		this.consumer = recordConsumer;
	}

	@Override
	public void write(T row) {
		this.field = 0;
		this.consumer.startMessage();
		this.encoder.encode(row, this);
		if (this.field != this.names.length) {
			throw new IllegalStateException(
					"a row of " + this.schema.getName() + " needs " + this.names.length + " values, got " + this.field);
		}
		this.consumer.endMessage();
	}

	@Override
	public void string(String value) {
		int i = next(Schema.Type.STRING);
		requireNullable(i, value);
		if (value != null) {
			this.consumer.startField(this.names[i], i);
			this.consumer.addBinary(binary(i, value));
			this.consumer.endField(this.names[i], i);
		}
	}

	@Override
	public void number(Double value) {
		int i = next(Schema.Type.DOUBLE);
		requireNullable(i, value);
		if (value != null) {
			this.consumer.startField(this.names[i], i);
			this.consumer.addDouble(value);
			this.consumer.endField(this.names[i], i);
		}
	}

	@Override
	public void integer(int value) {
		int i = next(Schema.Type.INT);
		this.consumer.startField(this.names[i], i);
		this.consumer.addInteger(value);
		this.consumer.endField(this.names[i], i);
	}

	@Override
	public void longValue(long value) {
		int i = next(Schema.Type.LONG);
		this.consumer.startField(this.names[i], i);
		this.consumer.addLong(value);
		this.consumer.endField(this.names[i], i);
	}

	@Override
	public void bool(boolean value) {
		int i = next(Schema.Type.BOOLEAN);
		this.consumer.startField(this.names[i], i);
		this.consumer.addBoolean(value);
		this.consumer.endField(this.names[i], i);
	}

	@Override
	public void value(Object value) {
		int i = next(null);
		requireNullable(i, value);
		if (value == null) {
			return;
		}
		RecordConsumer out = this.consumer;
		out.startField(this.names[i], i);
		switch (this.types[i]) {
			case INT -> out.addInteger(((Number) value).intValue());
			case LONG -> out.addLong(((Number) value).longValue());
			case FLOAT -> out.addFloat(((Number) value).floatValue());
			case DOUBLE -> out.addDouble(((Number) value).doubleValue());
			case BOOLEAN -> out.addBoolean((Boolean) value);
			case STRING -> out.addBinary(binary(i, value));
			default -> throw new IllegalStateException("unsupported type " + this.types[i]);
		}
		out.endField(this.names[i], i);
	}

	/**
	 * Moves to the next field, checking it takes values of a type.
	 * @param type the type the value is written as, {@code null} for the field's own
	 * @return the field's index
	 */
	private int next(Schema.Type type) {
		int i = this.field++;
		if (i >= this.names.length) {
			throw new IllegalStateException(
					"a row of " + this.schema.getName() + " has only " + this.names.length + " fields, got one more");
		}
		if (type != null && type != this.types[i]) {
			throw new IllegalStateException(
					"field '" + this.names[i] + "' is " + this.types[i] + ", got a " + type + " value");
		}
		return i;
	}

	private void requireNullable(int i, Object value) {
		if (value == null && !this.nullable[i]) {
			// parquet-avro's message for the same mistake
			throw new RuntimeException("Null-value for required field: " + this.names[i]);
		}
	}

	private Binary binary(int field, Object value) {
		if (value instanceof Utf8 utf8) {
			return Binary.fromReusedByteArray(utf8.getBytes(), 0, utf8.getByteLength());
		}
		if (value instanceof String text) {
			// a String is immutable, so its bytes may be handed out again (Parquet copies
			// what it keeps only from reused byte arrays, and these are constant)
			if (text.equals(this.lastStrings[field])) {
				return this.lastBinaries[field];
			}
			Binary binary = Binary.fromString(text);
			this.lastStrings[field] = text;
			this.lastBinaries[field] = binary;
			return binary;
		}
		return Binary.fromString(value.toString());
	}

	/**
	 * Builds writers with this support.
	 *
	 * @param <T> the row type
	 */
	static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {

		private final Schema schema;

		private final FlatRowEncoder<T> encoder;

		private Builder(OutputFile file, Schema schema, FlatRowEncoder<T> encoder) {
			super(file);
			this.schema = schema;
			this.encoder = encoder;
		}

		@Override
		protected Builder<T> self() {
			return this;
		}

		@Override
		protected WriteSupport<T> getWriteSupport(Configuration conf) {
			return new FlatRecordWriteSupport<>(this.schema, this.encoder, conf);
		}

	}

}
