package dev.pokewatch.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the PokeWatch training service: a one-shot command line
 * ({@code preprocess}, {@code train}, {@code validate}) whose exit code is the result.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainingApplication {

	public static void main(String[] args) {
		// plots are rendered off-screen, also on machines without a display
		System.setProperty("java.awt.headless", "true");
		SpringApplication application = new SpringApplication(TrainingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

}
