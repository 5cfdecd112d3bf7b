package dev.pokewatch.collector.collect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

	private RawDayFiles() {
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
