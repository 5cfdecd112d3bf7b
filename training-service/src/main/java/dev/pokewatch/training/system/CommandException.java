package dev.pokewatch.training.system;

import dev.pokewatch.common.exit.ExitCodes;

/**
 * A command failed in a way the user must act on; carries the process exit code
 * ({@link #USAGE} for bad arguments or input files, {@link #FAILED} for a failed run,
 * {@link #REFUSED} for a candidate the quality gate refused).
 */
public class CommandException extends RuntimeException {

	/** Exit code of a failed run. */
	public static final int FAILED = ExitCodes.FAILED;

	/** Exit code of a usage error or unusable input (the message names it). */
	public static final int USAGE = ExitCodes.USAGE;

	/**
	 * Exit code of a candidate the quality gate refused: the gate did its job, the served
	 * model stays; a scheduler tells it apart from a failure.
	 */
	public static final int REFUSED = ExitCodes.REFUSED;

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
	 * @return 1, 2 or 3
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
