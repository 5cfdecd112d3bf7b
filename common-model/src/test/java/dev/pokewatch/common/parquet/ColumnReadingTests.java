package dev.pokewatch.common.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ColumnReading}.
 */
class ColumnReadingTests {

	private static final Schema SCHEMA = SchemaBuilder.record("t")
		.fields()
		.requiredString("id")
		.optionalString("name")
		.optionalDouble("d")
		.optionalFloat("f")
		.optionalInt("i")
		.optionalLong("l")
		.optionalBoolean("b")
		.endRecord();

	@TempDir
	Path dir;

	@Test
	void scanShouldReadValuesAndNullsOfEveryTypeRowByRow() {
		Path file = write("t.parquet", 10);
		List<String> rows = new ArrayList<>();

		ColumnReading.scan(file, List.of("id", "name", "d", "f", "i", "l", "b"), (group) -> {
			ColumnReading.Column b = group.column("b");
			for (long r = 0; r < group.rows(); r++) {
				rows.add(
						group.column("id").text() + " " + group.column("name").text() + " " + group.column("d").number()
								+ " " + group.column("f").number() + " " + group.column("i").number() + " "
								+ group.column("l").number() + " " + (b.present() ? b.bool() : null));
				group.consume();
			}
		});

		assertThat(rows).hasSize(10);
		assertThat(rows.get(0)).isEqualTo("id0 null NaN NaN NaN NaN null");
		assertThat(rows.get(1)).isEqualTo("id1 name0 1.5 0.5 1.0 1000.0 true");
	}

	@Test
	void scanWhenValuesAreNotReadShouldStillMoveEveryColumnAlong() {
		Path file = write("t.parquet", 1000);
		List<String> names = new ArrayList<>();

		ColumnReading.scan(file, List.of("id", "name", "d"), (group) -> {
			for (long r = 0; r < group.rows(); r++) {
				// only every 100th row reads its values
				if (r % 100 == 1) {
					names.add(group.column("name").text() + "=" + group.column("d").number());
				}
				group.consume();
			}
		});

		assertThat(names).hasSize(10).first().isEqualTo("name0=1.5");
		assertThat(names).last().isEqualTo("name4=1351.5");
	}

	@Test
	void scanWhenAColumnIsMissingShouldNameFileAndColumn() {
		Path file = write("t.parquet", 1);

		assertThatExceptionOfType(ParquetFileException.class)
			.isThrownBy(() -> ColumnReading.scan(file, List.of("id", "price"), (group) -> {
			}))
			.withMessageContaining(file.toString())
			.withMessageContaining("required column 'price' is missing");
	}

	@Test
	void scanWhenFilesAreReadInParallelShouldReadEachCompletely() throws Exception {
		List<Path> files = IntStream.range(0, 4).mapToObj((n) -> write("p" + n + ".parquet", 5_000)).toList();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Double>> sums = new ArrayList<>();
			for (int round = 0; round < 3; round++) {
				for (Path file : files) {
					sums.add(pool.submit(() -> sum(file)));
				}
			}
			double expected = sum(files.get(0));
			for (Future<Double> sum : sums) {
				assertThat(sum.get()).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double sum(Path file) {
		double[] sum = new double[1];
		ColumnReading.scan(file, List.of("d", "name"), (group) -> {
			for (long r = 0; r < group.rows(); r++) {
				double d = group.column("d").number();
				sum[0] += Double.isNaN(d) ? 0 : d;
				String name = group.column("name").text();
				sum[0] += (name != null) ? name.length() : 0;
				group.consume();
			}
		});
		return sum[0];
	}

	/** Row {@code n}: every odd row has values, every even row nulls. */
	private Path write(String name, int rows) {
		Path file = this.dir.resolve(name);
		ParquetFiles.writeAtomically(file, SCHEMA, IntStream.range(0, rows).boxed().toList(), (n) -> {
			GenericRecord record = new GenericData.Record(SCHEMA);
			record.put("id", "id" + n);
			if (n % 2 == 1) {
				record.put("name", "name" + (n / 200));
				record.put("d", n * 1.5);
				record.put("f", n * 0.5f);
				record.put("i", n);
				record.put("l", n * 1000L);
				record.put("b", n % 3 == 1);
			}
			return record;
		});
		return file;
	}

}
