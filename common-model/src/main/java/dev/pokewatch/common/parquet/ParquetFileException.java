package dev.pokewatch.common.parquet;

import java.nio.file.Path;

/**
 * A Parquet file could not be read or written. The message always names the file.
 *
 * @since 0.1.0
 */
public class ParquetFileException extends RuntimeException {

	private final Path file;

	public ParquetFileException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
		this.file = file;
	}

	/**
	 * The file that failed.
	 * @return the path
	 */
	public Path file() {
		return this.file;
	}

}
