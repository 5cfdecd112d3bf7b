package dev.pokewatch.collector.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * The per-set, per-day raw files {@code <safe_set>_prices_<date>.parquet} and their
 * merge: re-collecting a day replaces the rows of the collected cards and keeps every
 * other card's rows.
 */
final class RawDayFiles {

	private static final Logger logger = LoggerFactory.getLogger(RawDayFiles.class);

	/**
	 * The hidden temporary file {@code ParquetFiles.writeAtomically} writes a day file to
	 * before renaming it into place.
	 */
	private static final Pattern LEFTOVER = Pattern
		.compile("\\.[a-z0-9_]+_prices_\\d{4}-\\d{2}-\\d{2}\\.parquet\\.tmp-[0-9a-f-]+");

	private RawDayFiles() {
	}

	/**
	 * Deletes the temporary files of day files left in {@code dir} by a run that was
	 * killed while writing. No reader takes them for data, but DVC would version them
	 * with {@code data/raw} and they would pile up. A collector writing into the same
	 * directory at the same time (not supported: its merges would race too) would lose
	 * the file it is writing, with an error naming it.
	 * @param dir the output directory
	 * @return how many were deleted
	 */
	static int deleteLeftovers(Path dir) {
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		int deleted = 0;
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.filter((f) -> LEFTOVER.matcher(f.getFileName().toString()).matches()).toList()) {
				if (Files.deleteIfExists(file)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			// only tidying: the run itself does not need it
			logger.warn("Could not delete temporary files left in {}: {}", dir, ex.toString());
		}
		if (deleted > 0) {
			logger.info("Deleted {} temporary file(s) left in {} by an interrupted run", deleted, dir);
		}
		return deleted;
	}

	static Path file(Path dir, CardSet set, LocalDate date) {
		return dir.resolve(set.safeName() + "_prices_" + date + ".parquet");
	}

	/**
	 * Merges rows into a day file, atomically.
	 * @param file the day file
	 * @param rows the new rows of the collected cards
	 * @throws ParquetFileException naming the file if the existing file is unreadable (it
	 * is then left untouched) or the write fails (the previous file stays intact)
	 */
	static void merge(Path file, List<RawPriceRow> rows) {
		Set<String> collected = rows.stream().map(RawPriceRow::cardId).collect(Collectors.toSet());
		List<RawPriceRow> merged = new ArrayList<>();
		if (Files.exists(file)) {
			List<RawPriceRow> existing;
			try {
				existing = RawPricesCodec.read(file);
			}
			catch (ParquetFileException ex) {
				String problem = ex.getMessage().startsWith(file + ": ")
						? ex.getMessage().substring(file.toString().length() + 2) : ex.getMessage();
				throw new ParquetFileException(file,
						"existing file is unreadable, left untouched (move it away to re-collect): " + problem, ex);
			}
			existing.stream().filter((row) -> !collected.contains(row.cardId())).forEach(merged::add);
		}
		merged.addAll(rows);
		merged.sort(Comparator.comparing(RawPriceRow::cardId).thenComparing(RawPriceRow::date));
		RawPricesCodec.write(file, merged);
	}

}
