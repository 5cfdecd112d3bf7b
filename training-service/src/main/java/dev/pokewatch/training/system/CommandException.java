package dev.pokewatch.training.system;

/**
 * A command failed in a way the user must act on; carries the process exit code
 * ({@link #USAGE} for bad arguments or input files, {@link #FAILED} for a failed run or
 * gate).
 */
public class CommandException extends RuntimeException {

	/** Exit code of a failed run or a refused quality gate. */
	public static final int FAILED = 1;

	/** Exit code of a usage error or unusable input (the message names it). */
	public static final int USAGE = 2;

	private final int exitCode;

	public CommandException(int exitCode, String message) {
		this(exitCode, message, null);
	}

	public CommandException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	/**
	 * The exit code to end the process with.
	 * @return 1 or 2
	 */
	public int exitCode() {
		return this.exitCode;
	}

	/**
	 * A usage or input error.
	 * @param message what is wrong, naming the argument, file or column
	 * @return the exception
	 */
	public static CommandException usage(String message) {
		return new CommandException(USAGE, message);
	}

}
