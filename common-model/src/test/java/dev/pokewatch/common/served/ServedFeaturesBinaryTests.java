package dev.pokewatch.common.served;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link ServedFeaturesBinary}: the same rows read from the binary companion
 * and from the Parquet file give the same visits, value for value.
 */
class ServedFeaturesBinaryTests {

	private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

	@TempDir
	Path dir;

	@Test
	void readShouldVisitExactlyWhatTheParquetFileGives() throws IOException {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>(IntStream.range(0, 600)
			.mapToObj((i) -> new ServedFeaturesCodec.Row("card_" + (i / 60), "Card " + (i / 60),
					(i % 60 < 30) ? "Set" : "Set renamed", (i % 4 == 0) ? null : "chase", DAY.plusDays(i % 60),
					(i % 7 == 0) ? null : i * 1.5 + 0.1, (i % 5 == 0) ? null : i * 1.25,
					(i % 3 == 0) ? null : i * 0.001, i % 11 == 0))
			.toList());
		rows.add(new ServedFeaturesCodec.Row("no_names", null, null, null, DAY, 2.0, null, null, false));
		Path parquet = this.dir.resolve("features.parquet");
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		ServedFeaturesCodec.write(parquet, rows);
		ServedFeaturesBinary.write(binary, "v-1", rows.stream());

		Recorder fromParquet = new Recorder();
		ServedFeaturesCodec.read(parquet, fromParquet);
		Recorder fromBinary = new Recorder();
		ServedFeaturesBinary.read(binary, fromBinary);

		assertThat(fromBinary.visits).hasSize(rows.size() + 11).containsExactlyElementsOf(fromParquet.visits);
		assertThat(ServedFeaturesBinary.modelVersion(binary)).isEqualTo("v-1");
	}

	@Test
	void readShouldCrossChunksAndCardsLargerThanOneChunk() throws IOException {
		// the reader fills a 1 MB buffer: cards straddle its ends, and one card of 60,000
		// days (1.7 MB) needs more than it holds
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (int card = 0; card < 400; card++) {
			for (int day = 0; day < 150; day++) {
				rows.add(new ServedFeaturesCodec.Row("card_" + card, "Card " + card, "Set", "chase", DAY.plusDays(day),
						1.0 + card + day / 1000.0, (day == 0) ? null : 2.0 + day, 0.01 * day, day % 13 == 0));
			}
		}
		for (int day = 0; day < 60_000; day++) {
			rows.add(new ServedFeaturesCodec.Row("long_card", "Long", "Set", null, DAY.plusDays(day), 3.0 + day,
					4.0 + day, null, false));
		}
		Path parquet = this.dir.resolve("features.parquet");
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		ServedFeaturesCodec.write(parquet, rows);
		ServedFeaturesBinary.write(binary, "v-chunks", rows.stream());
		assertThat(Files.size(binary)).isGreaterThan(3L << 20);

		Recorder fromParquet = new Recorder();
		ServedFeaturesCodec.read(parquet, fromParquet);
		Recorder fromBinary = new Recorder();
		ServedFeaturesBinary.read(binary, fromBinary);

		assertThat(fromBinary.visits).hasSize(rows.size() + 401).containsExactlyElementsOf(fromParquet.visits);
	}

	@Test
	void readWhenTruncatedOrForeignShouldFailNamingTheFile() throws IOException {
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		ServedFeaturesBinary.write(binary, "v-2",
				IntStream.range(0, 50)
					.mapToObj((i) -> new ServedFeaturesCodec.Row("c", "C", "S", "x", DAY.plusDays(i), 1.0 + i, 1.0,
							0.01, false)));
		byte[] whole = Files.readAllBytes(binary);
		Files.write(binary, Arrays.copyOf(whole, whole.length - 100));
		assertThatIOException().isThrownBy(() -> ServedFeaturesBinary.read(binary, new Recorder()))
			.withMessageContaining(binary.toString());
		Files.writeString(binary, "PAR1 not a served features binary file");
		assertThatIOException().isThrownBy(() -> ServedFeaturesBinary.modelVersion(binary))
			.withMessageContaining("not a served features binary file");
	}

	@Test
	void writeShouldLeaveNoTemporaryFileAndReplaceAnOldOne() throws IOException {
		Path binary = this.dir.resolve(ServedFeaturesBinary.FILE_NAME);
		ServedFeaturesBinary.write(binary, "old", List.<ServedFeaturesCodec.Row>of().stream());
		ServedFeaturesBinary.write(binary, "new",
				List.of(new ServedFeaturesCodec.Row("c", null, null, null, DAY, 1.0, null, null, false)).stream());

		assertThat(ServedFeaturesBinary.modelVersion(binary)).isEqualTo("new");
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(binary);
		}
	}

	/** Records every visit as text, with every value. */
	private static final class Recorder implements ServedFeaturesCodec.Visitor {

		private final List<String> visits = new ArrayList<>();

		@Override
		public void card(String cardId) {
			this.visits.add("card " + cardId);
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			this.visits.add(row.epochDay() + " " + row.marketPrice() + " " + row.fairPrice() + " " + row.dispersion()
					+ " " + row.outlier() + " " + row.cardName() + " " + row.setName() + " " + row.category());
		}

	}

}
