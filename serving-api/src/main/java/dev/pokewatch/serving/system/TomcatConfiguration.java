package dev.pokewatch.serving.system;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Installs {@link ProblemErrorReportValve} as the host's only error report valve, so the
 * requests Tomcat rejects before the filter chain get problem+json too, and sizes the
 * worker threads to the cores. Both run after Boot's own Tomcat customizer, which adds a
 * plain {@link ErrorReportValve} and 200 threads.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	/**
	 * Worker threads: {@code TOMCAT_THREADS_MAX} when set, else twice the cores. Requests
	 * are short and CPU-bound, so more threads than cores only add context switches and
	 * contention on Tomcat's own locks: measured with {@code wrk -c64} on 2 cores (issue
	 * 9, bench/results/2026-11-30-serving-threads.md), 4 threads served 8.8–10.3k
	 * /predict per second at p99 19 ms, 32 threads 3.4k at p99 115–150 ms. With
	 * {@code SPRING_THREADS_VIRTUAL_ENABLED=true} Tomcat uses virtual threads instead.
	 * @param configured {@code TOMCAT_THREADS_MAX}, 0 when unset
	 * @return the customizer
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> workerThreadsCustomizer(
			@Value("${TOMCAT_THREADS_MAX:0}") int configured) {
		int threads = workerThreads(configured, Runtime.getRuntime().availableProcessors());
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxThreads(threads);
				protocol.setMinSpareThreads(threads);
			}
		});
	}

	static int workerThreads(int configured, int cores) {
		return (configured > 0) ? configured : Math.max(2, 2 * cores);
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValveCustomizer() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container parent = context.getParent();
			if (parent instanceof StandardHost host) {
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// without this the host would add Tomcat's default valve again on start
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				host.getPipeline().addValve(new ProblemErrorReportValve());
			}
		});
	}

}
