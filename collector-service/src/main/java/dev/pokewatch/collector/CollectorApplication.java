package dev.pokewatch.collector;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pokewatch.collector.cli.CollectorCommandLine;

/**
 * Entry point of the PokeWatch collector: {@code collect [options]} runs once without a
 * web server and exits with the run's code; {@code serve} runs the daily schedule with
 * actuator health and Prometheus metrics on port 8081. {@code --help} lists the options
 * of each.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

	public static void main(String[] args) {
		List<String> springProperties = CollectorCommandLine.springProperties(args);
		CollectorCommandLine commandLine = new CollectorCommandLine((defaults) -> start(defaults, springProperties),
				new PrintWriter(System.out, true, System.out.charset()),
				new PrintWriter(System.err, true, System.err.charset()));
		int exitCode = commandLine.execute(CollectorCommandLine.commandArguments(args));
		if (!commandLine.serving()) {
			System.exit(exitCode);
		}
	}

	private static ConfigurableApplicationContext start(Map<String, Object> defaults, List<String> springProperties) {
		SpringApplication application = new SpringApplication(CollectorApplication.class);
		application.setDefaultProperties(defaults);
		return application.run(springProperties.toArray(String[]::new));
	}

}
