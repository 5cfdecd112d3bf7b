package dev.pokewatch.common.card;

import java.nio.file.Path;

/**
 * Thrown when {@code cards.yaml} cannot be read or is invalid. The message names the file
 * and the offending field.
 *
 * @since 0.1.0
 */
public class CardsConfigException extends RuntimeException {

	private final Path file;

	private final String field;

	public CardsConfigException(Path file, String field, String problem) {
		this(file, field, problem, null);
	}

	public CardsConfigException(Path file, String field, String problem, Throwable cause) {
		super(file + ((field != null) ? ": " + field : "") + ": " + problem, cause);
		this.file = file;
		this.field = field;
	}

	/**
	 * The file that failed.
	 * @return the path as given
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * The field path that failed, such as {@code cards[2].internal_id}.
	 * @return the field, or {@code null} when the file as a whole is unreadable
	 */
	public String field() {
		return this.field;
	}

}
