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
 * Writes flat Avro records (fields of primitive types, each optionally nullable) to
 * Parquet exactly as {@code AvroWriteSupport} does — same Parquet schema, same footer
 * metadata, same values — but with one prepared writer per field instead of resolving the
 * Avro schema for every value, which dominated writing large files.
 */
final class FlatRecordWriteSupport extends WriteSupport<GenericRecord> {

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

	private RecordConsumer consumer;

	private FlatRecordWriteSupport(Schema schema, Configuration conf) {
		this.schema = schema;
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
	 * @return the builder
	 */
	static Builder builder(OutputFile file, Schema schema) {
		return new Builder(file, schema);
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
	public void write(GenericRecord record) {
		RecordConsumer out = this.consumer;
		out.startMessage();
		for (int i = 0; i < this.names.length; i++) {
			Object value = record.get(i);
			if (value == null) {
				if (!this.nullable[i]) {
					throw new RuntimeException("Null-value for required field: " + this.names[i]);
				}
				continue;
			}
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
		out.endMessage();
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

	/** Builds writers with this support. */
	static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {

		private final Schema schema;

		private Builder(OutputFile file, Schema schema) {
			super(file);
			this.schema = schema;
		}

		@Override
		protected Builder self() {
			return this;
		}

		@Override
		protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
			return new FlatRecordWriteSupport(this.schema, conf);
		}

	}

}
