package dev.pokewatch.collector.collect;

/**
 * The run cannot start because of a bad argument or configuration (exit code 2). The
 * message names the argument, or the file and field.
 */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
