package dev.pokewatch.common.served;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServedFeaturesFiles}: the binary companion is read only when it names
 * the model's version and reads whole; otherwise the Parquet file is, by a fresh visitor,
 * and the caller is told why.
 */
class ServedFeaturesFilesTests {

	private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

	@TempDir
	Path dir;

	@Test
	void binaryOfTheModelsVersionIsRead() throws IOException {
		// different rows in the two files show which one was read
		Path parquet = write(rows("from_parquet", 3), rows("from_binary", 4), "v-2");
		List<String> ignored = new ArrayList<>();

		ServedFeaturesFiles.Read<Days> read = ServedFeaturesFiles.read(parquet, "v-2", Days::new, ignored::add);

		assertThat(read.file()).isEqualTo(this.dir.resolve(ServedFeaturesBinary.FILE_NAME));
		assertThat(read.visitor().cards).containsExactly("from_binary");
		assertThat(read.visitor().days).hasSize(4);
		assertThat(ignored).isEmpty();
	}

	@Test
	void binaryOfAnotherVersionIsIgnoredAndSaidSo() throws IOException {
		Path parquet = write(rows("from_parquet", 3), rows("from_binary", 4), "v-1");
		List<String> ignored = new ArrayList<>();

		ServedFeaturesFiles.Read<Days> read = ServedFeaturesFiles.read(parquet, "v-2", Days::new, ignored::add);

		assertThat(read.file()).isEqualTo(parquet);
		assertThat(read.visitor().cards).containsExactly("from_parquet");
		assertThat(ignored).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Ignoring the binary features file: ")
			.contains(ServedFeaturesBinary.FILE_NAME)
			.contains("v-1")
			.contains("v-2")
			.endsWith("; reading " + parquet);
	}

	@Test
	void truncatedBinaryFallsBackToTheParquetFileWithAFreshVisitor() throws IOException {
		Path parquet = write(rows("from_parquet", 3), rows("from_binary", 400), "v-2");
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		byte[] bytes = Files.readAllBytes(binary);
		Files.write(binary, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		List<Days> made = new ArrayList<>();
		List<String> ignored = new ArrayList<>();

		ServedFeaturesFiles.Read<Days> read = ServedFeaturesFiles.read(parquet, "v-2", () -> {
			Days days = new Days();
			made.add(days);
			return days;
		}, ignored::add);

		assertThat(read.file()).isEqualTo(parquet);
		assertThat(made).hasSize(2);
		assertThat(read.visitor()).isSameAs(made.get(1));
		assertThat(read.visitor().cards).containsExactly("from_parquet");
		assertThat(read.visitor().days).hasSize(3);
		assertThat(ignored).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("truncated or corrupt");
	}

	@Test
	void withoutABinaryTheParquetFileIsReadSilently() throws IOException {
		Path parquet = this.dir.resolve("features.parquet");
		ServedFeaturesCodec.write(parquet, rows("only", 5));
		List<String> ignored = new ArrayList<>();

		ServedFeaturesFiles.Read<Days> read = ServedFeaturesFiles.read(parquet, "v-2", Days::new, ignored::add);

		assertThat(read.file()).isEqualTo(parquet);
		assertThat(read.visitor().days).hasSize(5);
		assertThat(ignored).isEmpty();
	}

	private Path write(List<ServedFeaturesCodec.Row> parquetRows, List<ServedFeaturesCodec.Row> binaryRows,
			String binaryVersion) throws IOException {
		Path parquet = this.dir.resolve("features.parquet");
		ServedFeaturesCodec.write(parquet, parquetRows);
		ServedFeaturesBinary.write(this.dir.resolve(ServedFeaturesBinary.FILE_NAME), binaryVersion,
				binaryRows.stream());
		return parquet;
	}

	private static List<ServedFeaturesCodec.Row> rows(String card, int days) {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			rows.add(new ServedFeaturesCodec.Row(card, "Card", "Set", null, DAY.plusDays(i), 10.0 + i, 9.0 + i, 0.1,
					false));
		}
		return rows;
	}

	private static final class Days implements ServedFeaturesCodec.Visitor {

		private final List<String> cards = new ArrayList<>();

		private final List<Integer> days = new ArrayList<>();

		@Override
		public void card(String cardId) {
			this.cards.add(cardId);
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			this.days.add(row.epochDay());
		}

	}

}
