package dev.pokewatch.collector.cli;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application for a command once its arguments are known to be valid,
 * so that {@code --help} and usage errors answer at once, without booting anything.
 */
@FunctionalInterface
public interface ApplicationStarter {

	/**
	 * Starts the application.
	 * @param defaults default properties of the command (its mode, logging); properties
	 * from the command line, the environment and {@code application.yml} override them
	 * @return the started context; the caller closes it
	 */
	ConfigurableApplicationContext start(Map<String, Object> defaults);

}
