package dev.pokewatch.collector.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.pokewatch.common.exit.ExitCodes;

/**
 * The {@code serve} command: starts the application with the scheduler (collect, drift,
 * retrain), actuator health and Prometheus metrics, and keeps it running.
 */
@Command(name = "serve",
		description = "Runs the scheduler: collect (COLLECTOR_CRON), drift and retrain on their cron "
				+ "under one lock, and serves /actuator/health and /actuator/prometheus on COLLECTOR_PORT (8081).",
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:started (runs until stopped)", "1:failed to start",
				"2:usage or input error (an option, a Spring property)" })
class ServeCommand implements Callable<Integer> {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	private final ApplicationStarter starter;

	private volatile boolean started;

	ServeCommand(ApplicationStarter starter) {
		this.starter = starter;
	}

	@Override
	public Integer call() {
		this.starter.start(Map.of("collector.mode", "serve"));
		this.started = true;
		return ExitCodes.OK;
	}

	boolean started() {
		return this.started;
	}

}
