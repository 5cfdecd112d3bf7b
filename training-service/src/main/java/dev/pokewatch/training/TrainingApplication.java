package dev.pokewatch.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.pokewatch.training.system.LaunchProperties;

/**
 * Entry point of the PokeWatch training service: a one-shot command line
 * ({@code preprocess}, {@code train}, {@code validate}, {@code drift}) whose exit code is
 * the result.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainingApplication {

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs one command and returns its exit code instead of ending the JVM, so that a
	 * caller in the same JVM can run commands one after another (the serving API's test
	 * of repeated promotions runs the packaged jar's {@code validate} this way).
	 * @param args the command line
	 * @return the exit code: 0 ok, 1 a failed run or a refused quality gate, 2 a usage or
	 * input error
	 */
	public static int run(String... args) {
		// plots are rendered off-screen, also on machines without a display
		System.setProperty("java.awt.headless", "true");
		String redisUrl = System.getenv("REDIS_URL");
		if (redisUrl != null && !redisUrl.isBlank() && !LaunchProperties.isRedisUrl(redisUrl)) {
			// Logging is not set up yet. The value may hold a password: never show it.
			System.err.println("REDIS_URL is not a Redis URL such as redis://host:6379: "
					+ "the model-updated notification is off");
		}
		SpringApplication application = new SpringApplication(TrainingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(LaunchProperties.of(TrainingCommandLine.isVerbose(args), redisUrl));
		return SpringApplication.exit(application.run(args));
	}

}
