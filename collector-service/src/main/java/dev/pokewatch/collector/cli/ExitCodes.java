package dev.pokewatch.collector.cli;

/**
 * The exit codes of every collector command.
 */
final class ExitCodes {

	/** The command did what was asked. */
	static final int OK = 0;

	/** The run failed: nothing collected, or the provider refused access. */
	static final int FAILED = 1;

	/** Usage or input error: a bad option, cards.yaml, a missing API key. */
	static final int USAGE = 2;

	private ExitCodes() {
	}

}
