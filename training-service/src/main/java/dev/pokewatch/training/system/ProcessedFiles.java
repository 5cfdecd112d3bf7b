package dev.pokewatch.training.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processed data files ({@code data/processed/<set>.parquet}) that {@code train} and
 * {@code drift} read, listed one way for both.
 */
public final class ProcessedFiles {

	private ProcessedFiles() {
	}

	/**
	 * The processed files of a directory, sorted by name; hidden files (a staging
	 * leftover) are not data.
	 * @param dir the processed data directory
	 * @return the files, never empty
	 * @throws CommandException exit 2 naming the directory when it is missing, cannot be
	 * listed or holds no processed file
	 */
	public static List<Path> list(Path dir) {
		if (!Files.isDirectory(dir)) {
			throw CommandException.usage(dir + ": processed data directory not found (run preprocess first)");
		}
		try (Stream<Path> list = Files.list(dir)) {
			List<Path> files = list
				.filter((f) -> f.getFileName().toString().endsWith(".parquet")
						&& !f.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
			if (files.isEmpty()) {
				throw CommandException.usage(dir + ": no processed .parquet files (run preprocess first)");
			}
			return files;
		}
		catch (IOException ex) {
			throw CommandException.usage(dir + ": cannot list processed files: " + ex.getMessage());
		}
	}

}
