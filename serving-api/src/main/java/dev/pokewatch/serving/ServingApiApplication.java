package dev.pokewatch.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the PokeWatch serving service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServingApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServingApiApplication.class, args);
	}

}
