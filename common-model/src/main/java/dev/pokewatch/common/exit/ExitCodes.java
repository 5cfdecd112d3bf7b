package dev.pokewatch.common.exit;

/**
 * The exit codes every PokeWatch command line ends with, the one owner of that contract:
 * the collector's and training's commands return them, and the scheduler reads a job's
 * exit code back ({@link #REFUSED} is a run that ended as designed without a new model,
 * not a failure).
 *
 * @since 0.1.0
 */
public final class ExitCodes {

	/** The command did what was asked. */
	public static final int OK = 0;

	/** The run failed. */
	public static final int FAILED = 1;

	/** A usage error or unusable input; the message names the argument or file. */
	public static final int USAGE = 2;

	/** The quality gate refused the candidate: the served model stays. */
	public static final int REFUSED = 3;

	private ExitCodes() {
	}

}
