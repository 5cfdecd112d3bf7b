package dev.pokewatch.collector.cli;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Runs {@link CollectCommand} once the context of {@code collect} mode is ready and keeps
 * its exit code for {@code SpringApplication.exit}.
 */
class CollectCommandRunner implements ApplicationRunner, ExitCodeGenerator {

	private final CollectCommand command;

	private int exitCode;

	CollectCommandRunner(CollectCommand command) {
		this.command = command;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> all = Arrays.asList(args.getSourceArgs());
		List<String> options = (!all.isEmpty() && all.get(0).equals("collect")) ? all.subList(1, all.size()) : all;
		this.exitCode = this.command.run(options);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
