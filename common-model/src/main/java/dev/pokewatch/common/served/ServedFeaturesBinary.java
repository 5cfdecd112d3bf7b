package dev.pokewatch.common.served;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The binary companion of the served features file ({@code features.bin} next to
 * {@code features.parquet}): the same rows, one block of plain arrays per card, so that
 * the serving API loads a model with a few bulk copies instead of decoding Parquet value
 * by value (the 10,000-card model: seconds of a cold start). Parquet stays the model's
 * file of record; this one is a cache of it, written by training beside it and used only
 * when its header names the model version of the directory's metadata, so a stale or
 * foreign file is never served. Written and read one card at a time: neither side holds
 * more than one card's rows besides what it keeps.
 *
 * <p>
 * Layout (big-endian): magic {@code PWSF}, format version, model version (UTF); per card
 * a {@code 1} byte, its id, row count, the runs of its names (start row, card name, set
 * name, category, each optional), then {@code int[] days}, {@code double[] market},
 * {@code fair}, {@code dispersion} ({@code NaN} for unknown) and {@code byte[] outlier};
 * a {@code 0} byte after the last card.
 *
 * @since 0.1.0
 */
public final class ServedFeaturesBinary {

	/** The file name next to the Parquet features file. */
	public static final String FILE_NAME = "features.bin";

	private static final int MAGIC = 0x50575346;

	private static final int FORMAT = 1;

	/** Magic number and format, before the version string. */
	private static final int HEADER_BYTES_BEFORE_VERSION = 8;

	/** A row's bytes: day (int), market, fair and dispersion (doubles), outlier flag. */
	private static final int ROW_BYTES = 4 + 8 + 8 + 8 + 1;

	/** Keeps a corrupt count from asking for more than an int of bytes. */
	private static final int MAX_ROWS_PER_CARD = Integer.MAX_VALUE / ROW_BYTES;

	/** The read buffer's first size; a card needing more grows it. */
	private static final int CHUNK_BYTES = 1 << 20;

	private ServedFeaturesBinary() {
	}

	/**
	 * Writes the file atomically (a temporary file moved into place).
	 * @param file the target
	 * @param modelVersion the model version it belongs to
	 * @param rows the rows, grouped by card (as training writes them)
	 * @throws IOException when the file cannot be written; a previous one is then
	 * untouched
	 */
	public static void write(Path file, String modelVersion, Stream<ServedFeaturesCodec.Row> rows) throws IOException {
		Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary,
				StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16))) {
			out.writeInt(MAGIC);
			out.writeInt(FORMAT);
			out.writeUTF(modelVersion);
			CardBlock current = null;
			for (Iterator<ServedFeaturesCodec.Row> it = rows.iterator(); it.hasNext();) {
				ServedFeaturesCodec.Row row = it.next();
				if (current == null || !current.cardId.equals(row.cardId())) {
					if (current != null) {
						current.writeTo(out);
					}
					current = new CardBlock(row.cardId());
				}
				current.add(row);
			}
			if (current != null) {
				current.writeTo(out);
			}
			out.writeByte(0);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The model version a file belongs to, read from its header.
	 * @param file the file
	 * @return the version
	 * @throws IOException when the file cannot be read or is not such a file
	 */
	public static String modelVersion(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
			channel.read(header, 0);
			header.flip();
			return versionHeader(file, header);
		}
	}

	/**
	 * Reads the rows into a visitor, as {@link ServedFeaturesCodec#read} does for the
	 * Parquet file.
	 * @param file the file
	 * @param visitor receives each card, then its rows
	 * @throws IOException when the file cannot be read, is truncated or is not such a
	 * file
	 */
	public static void read(Path file, ServedFeaturesCodec.Visitor visitor) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ChunkedInput in = new ChunkedInput(channel);
			header(file, in.need(HEADER_BYTES_BEFORE_VERSION + 2));
			readUtf(in);
			ArrayRowView row = new ArrayRowView();
			while (in.need(1).get() != 0) {
				visitor.card(readUtf(in));
				row.load(in);
				for (int r = 0; r < row.size; r++) {
					row.moveTo(r);
					visitor.row(row);
				}
			}
			long trailing = in.remaining();
			if (trailing > 0) {
				throw new IOException(file + ": " + trailing + " byte(s) after the last card");
			}
		}
		catch (BufferUnderflowException | IllegalArgumentException ex) {
			throw new IOException(file + ": truncated or corrupt (" + ex + ")", ex);
		}
	}

	private static void header(Path file, ByteBuffer buffer) throws IOException {
		if (buffer.remaining() < HEADER_BYTES_BEFORE_VERSION || buffer.getInt() != MAGIC) {
			throw new IOException(file + ": not a served features binary file");
		}
		int format = buffer.getInt();
		if (format != FORMAT) {
			throw new IOException(file + ": format " + format + ", this reader knows " + FORMAT);
		}
	}

	private static String readUtf(ChunkedInput in) throws IOException {
		int length = Short.toUnsignedInt(in.need(2).getShort());
		byte[] bytes = new byte[length];
		in.need(length).get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String readOptionalUtf(ChunkedInput in) throws IOException {
		return (in.need(1).get() != 0) ? readUtf(in) : null;
	}

	private static String versionHeader(Path file, ByteBuffer buffer) throws IOException {
		header(file, buffer);
		return readUtf(buffer);
	}

	// DataOutput.writeUTF's modified UTF-8 equals UTF-8 for every character but NUL and
	// supplementary ones, which card names, ids and versions do not use; a name that did
	// would read back altered, never crash
	private static String readUtf(ByteBuffer buffer) {
		int length = Short.toUnsignedInt(buffer.getShort());
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * One card's rows while writing.
	 */
	private static final class CardBlock {

		private final String cardId;

		private final List<ServedFeaturesCodec.Row> rows = new ArrayList<>();

		private CardBlock(String cardId) {
			this.cardId = cardId;
		}

		void add(ServedFeaturesCodec.Row row) {
			this.rows.add(row);
		}

		void writeTo(DataOutputStream out) throws IOException {
			out.writeByte(1);
			out.writeUTF(this.cardId);
			out.writeInt(this.rows.size());
			List<Integer> runStarts = new ArrayList<>();
			for (int r = 0; r < this.rows.size(); r++) {
				if (r == 0 || !sameNames(this.rows.get(r - 1), this.rows.get(r))) {
					runStarts.add(r);
				}
			}
			out.writeInt(runStarts.size());
			for (int start : runStarts) {
				ServedFeaturesCodec.Row row = this.rows.get(start);
				out.writeInt(start);
				writeOptional(out, row.cardName());
				writeOptional(out, row.setName());
				writeOptional(out, row.category());
			}
			for (ServedFeaturesCodec.Row row : this.rows) {
				out.writeInt((int) row.date().toEpochDay());
			}
			for (ServedFeaturesCodec.Row row : this.rows) {
				out.writeDouble(orNaN(row.marketPrice()));
			}
			for (ServedFeaturesCodec.Row row : this.rows) {
				out.writeDouble(orNaN(row.fairPrice()));
			}
			for (ServedFeaturesCodec.Row row : this.rows) {
				out.writeDouble(orNaN(row.dispersion()));
			}
			for (ServedFeaturesCodec.Row row : this.rows) {
				out.writeByte(row.outlier() ? 1 : 0);
			}
		}

		private static boolean sameNames(ServedFeaturesCodec.Row a, ServedFeaturesCodec.Row b) {
			return Objects.equals(a.cardName(), b.cardName()) && Objects.equals(a.setName(), b.setName())
					&& Objects.equals(a.category(), b.category());
		}

		private static void writeOptional(DataOutputStream out, String value) throws IOException {
			out.writeBoolean(value != null);
			if (value != null) {
				out.writeUTF(value);
			}
		}

		private static double orNaN(Double value) {
			return (value != null) ? value : Double.NaN;
		}

	}

	/**
	 * The file read in chunks into one heap buffer. Not a mapping: a mapped file stays
	 * resident until its buffer is collected, which after the startup read was never
	 * (issue 9: 102 MB of the API's RSS for a 10k-card model).
	 */
	private static final class ChunkedInput {

		private final FileChannel channel;

		private ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).flip();

		ChunkedInput(FileChannel channel) {
			this.channel = channel;
		}

		/**
		 * The buffer with at least {@code bytes} bytes remaining at its position.
		 * @param bytes how many bytes the caller reads next
		 * @return the buffer
		 * @throws BufferUnderflowException when the file ends first
		 */
		ByteBuffer need(int bytes) throws IOException {
			if (this.buffer.remaining() >= bytes) {
				return this.buffer;
			}
			if (bytes > remaining()) {
				// before growing the buffer: a corrupt count must not allocate its size
				throw new BufferUnderflowException();
			}
			if (this.buffer.capacity() < bytes) {
				ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes, 2 * this.buffer.capacity()));
				larger.put(this.buffer);
				this.buffer = larger;
			}
			else {
				this.buffer.compact();
			}
			while (this.buffer.position() < bytes) {
				if (this.channel.read(this.buffer) < 0) {
					throw new BufferUnderflowException();
				}
			}
			this.buffer.flip();
			return this.buffer;
		}

		/**
		 * Bytes not read yet, in the buffer and in the file.
		 * @return the count
		 */
		long remaining() throws IOException {
			return this.buffer.remaining() + this.channel.size() - this.channel.position();
		}

	}

	/**
	 * The rows of one card, read with bulk copies; the view moves row by row.
	 */
	private static final class ArrayRowView implements ServedFeaturesCodec.RowView {

		private int size;

		private int[] days = new int[0];

		private double[] market = new double[0];

		private double[] fair = new double[0];

		private double[] dispersion = new double[0];

		private byte[] outlier = new byte[0];

		private int[] runStarts = new int[0];

		private String[][] runNames = new String[0][];

		private int row;

		private int run;

		void load(ChunkedInput in) throws IOException {
			ByteBuffer counts = in.need(8);
			this.size = counts.getInt();
			if (this.size < 0 || this.size > MAX_ROWS_PER_CARD) {
				throw new IllegalArgumentException("bad row count " + this.size);
			}
			int runs = counts.getInt();
			if (runs < 0 || runs > this.size) {
				throw new IllegalArgumentException("bad name run count " + runs);
			}
			this.runStarts = new int[runs];
			this.runNames = new String[runs][];
			for (int i = 0; i < runs; i++) {
				this.runStarts[i] = in.need(4).getInt();
				this.runNames[i] = new String[] { readOptionalUtf(in), readOptionalUtf(in), readOptionalUtf(in) };
			}
			if (this.days.length < this.size) {
				this.days = new int[this.size];
				this.market = new double[this.size];
				this.fair = new double[this.size];
				this.dispersion = new double[this.size];
				this.outlier = new byte[this.size];
			}
			ByteBuffer buffer = in.need(ROW_BYTES * this.size);
			buffer.asIntBuffer().get(this.days, 0, this.size);
			skip(buffer, 4L * this.size);
			buffer.asDoubleBuffer().get(this.market, 0, this.size);
			skip(buffer, 8L * this.size);
			buffer.asDoubleBuffer().get(this.fair, 0, this.size);
			skip(buffer, 8L * this.size);
			buffer.asDoubleBuffer().get(this.dispersion, 0, this.size);
			skip(buffer, 8L * this.size);
			buffer.get(this.outlier, 0, this.size);
			this.run = 0;
		}

		private static void skip(ByteBuffer buffer, long bytes) {
			buffer.position(Math.toIntExact(buffer.position() + bytes));
		}

		void moveTo(int row) {
			this.row = row;
			while (this.run + 1 < this.runStarts.length && this.runStarts[this.run + 1] <= row) {
				this.run++;
			}
		}

		@Override
		public int epochDay() {
			return this.days[this.row];
		}

		@Override
		public double marketPrice() {
			return this.market[this.row];
		}

		@Override
		public double fairPrice() {
			return this.fair[this.row];
		}

		@Override
		public double dispersion() {
			return this.dispersion[this.row];
		}

		@Override
		public boolean outlier() {
			return this.outlier[this.row] != 0;
		}

		@Override
		public String cardName() {
			return name(0);
		}

		@Override
		public String setName() {
			return name(1);
		}

		@Override
		public String category() {
			return name(2);
		}

		private String name(int field) {
			return (this.runStarts.length > 0) ? this.runNames[this.run][field] : null;
		}

	}

}
