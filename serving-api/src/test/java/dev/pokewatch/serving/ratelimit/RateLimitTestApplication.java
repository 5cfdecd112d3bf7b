package dev.pokewatch.serving.ratelimit;

import java.util.ArrayList;
import java.util.List;

import dev.pokewatch.serving.security.TestRoutesController;
import dev.pokewatch.serving.system.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A Spring application made of only the security and rate-limit packages (as the real
 * application picks them up by component scanning) and Boot's Redis connection factory,
 * so tests get the real wiring and property binding without the model or a web server.
 * Each instance stands for one serving-api replica.
 */
@SpringBootConfiguration
@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
@ComponentScan(basePackages = { "dev.pokewatch.serving.security", "dev.pokewatch.serving.ratelimit" },
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Test.*"))
class RateLimitTestApplication {

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Start a replica.
	 * @param args {@code --name=value} settings, which win over {@code application.yml}
	 * @return the running replica
	 */
	static Replica start(String... args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RateLimitTestApplication.class)
			.main(RateLimitTestApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		return new Replica(context);
	}

	/**
	 * A started context plus MockMvc running its filters in registration order around
	 * {@link TestRoutesController}.
	 *
	 * @param context the context
	 */
	record Replica(ConfigurableApplicationContext context) implements AutoCloseable {

		List<FilterRegistrationBean<?>> registrations() {
			return this.context.getBeanProvider(FilterRegistrationBean.class)
				.orderedStream()
				.<FilterRegistrationBean<?>>map((registration) -> registration)
				.toList();
		}

		MockMvcTester mvc() {
			Filter requestId = (request, response, chain) -> {
				request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-replica");
				chain.doFilter(request, response);
			};
			List<Filter> filters = new ArrayList<>();
			filters.add(requestId);
			registrations().forEach((registration) -> filters.add(registration.getFilter()));
			return MockMvcTester.create(MockMvcBuilders.standaloneSetup(new TestRoutesController())
				.addFilters(filters.toArray(Filter[]::new))
				.build());
		}

		MeterRegistry meterRegistry() {
			return this.context.getBean(MeterRegistry.class);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
