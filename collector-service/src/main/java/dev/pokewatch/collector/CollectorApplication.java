package dev.pokewatch.collector;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pokewatch.collector.cli.CollectCommand;

/**
 * Entry point of the PokeWatch collector: {@code collect [options]} runs once without a
 * web server and exits with the run's code; {@code serve} runs the daily schedule with
 * actuator health and Prometheus metrics on port 8081.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

	public static void main(String[] args) {
		String mode = (args.length > 0) ? args[0] : "";
		switch (mode) {
			case "collect" -> System.exit(collect(args));
			case "serve" -> serve(Arrays.copyOfRange(args, 1, args.length));
			default -> {
				System.err
					.println((mode.isEmpty() ? "collector: give a mode" : "collector: unknown mode '" + mode + "'")
							+ "\n" + CollectCommand.USAGE);
				System.exit(2);
			}
		}
	}

	private static int collect(String[] args) {
		SpringApplication application = new SpringApplication(CollectorApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// options like --date belong to the command, not to Spring's environment
		application.setAddCommandLineProperties(false);
		application.setDefaultProperties(Map.of("collector.mode", "collect", "spring.main.banner-mode", "off",
				"spring.main.log-startup-info", "false"));
		ConfigurableApplicationContext context = application.run(args);
		return SpringApplication.exit(context);
	}

	private static void serve(String[] args) {
		SpringApplication application = new SpringApplication(CollectorApplication.class);
		application.setDefaultProperties(Map.of("collector.mode", "serve"));
		application.run(args);
	}

}
