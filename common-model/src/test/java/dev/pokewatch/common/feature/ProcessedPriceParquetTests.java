package dev.pokewatch.common.feature;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.RawPriceParquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProcessedPriceParquet}.
 */
class ProcessedPriceParquetTests {

	@TempDir
	Path dir;

	@Test
	void writeThenReadShouldRoundTripEveryColumn() {
		LocalDate day = LocalDate.of(2026, 3, 1);
		List<ProcessedPriceRow> rows = FeatureBuilder
			.build(List.of(FeatureBuilderTests.row("a", day, 10.0), FeatureBuilderTests.row("a", day.plusDays(1), 0.0),
					FeatureBuilderTests.row("a", day.plusDays(2), 11.0)), OutlierRule.DEFAULT);
		Path file = this.dir.resolve("s.parquet");
		ProcessedPriceParquet.write(file, rows);
		assertThat(ProcessedPriceParquet.read(file)).isEqualTo(rows);
	}

	@Test
	void readWhenRawFileShouldNameMissingColumn() {
		Path file = this.dir.resolve("raw.parquet");
		RawPriceParquet.write(file, List.of(FeatureBuilderTests.row("a", LocalDate.of(2026, 3, 1), 10.0)));
		assertThatExceptionOfType(ParquetFileException.class).isThrownBy(() -> ProcessedPriceParquet.read(file))
			.withMessageContaining("raw.parquet")
			.withMessageContaining("'is_outlier'");
	}

}
