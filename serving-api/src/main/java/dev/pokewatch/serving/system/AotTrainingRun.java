package dev.pokewatch.serving.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;

/**
 * The training run of the JDK AOT cache ({@code bin/pokewatch aot-cache}): once the
 * application is ready it sends itself the requests users send (single and batch
 * predictions, signals, health) over real HTTP, then exits, and the JVM writes the cache
 * with the profiles of that request path. A cache made by a run that only starts the
 * application holds its classes but leaves the request path to be compiled under the
 * first load. Only present with {@code serving.aot-training.requests} set, which only the
 * launcher's cache run sets (with a key of its own and no rate limit); 0 makes a cache of
 * the start alone.
 */
@Component
@ConditionalOnProperty(name = "serving.aot-training.requests")
class AotTrainingRun implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(AotTrainingRun.class);

	private static final int CLIENTS = 4;

	private static final int BATCH_SIZE = 100;

	private final ServedModelHolder models;

	private final long requests;

	private final String apiKey;

	AotTrainingRun(ServedModelHolder models, Environment environment) {
		this.models = models;
		this.requests = environment.getProperty("serving.aot-training.requests", Long.class, 0L);
		this.apiKey = environment.getProperty("serving.aot-training.api-key", "");
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// always exits: with 0 requests the launcher's cache run would otherwise never
		// end
		Thread.ofPlatform().name("aot-training-run").start(() -> {
			int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
			try {
				if (this.requests > 0) {
					send(port);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("AOT training requests stopped early: {}", ex.toString());
			}
			finally {
				exit(event.getApplicationContext());
			}
		});
	}

	/**
	 * Ends the application and the JVM, which then writes the AOT cache.
	 * @param context the application
	 */
	void exit(ApplicationContext context) {
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	/**
	 * Sends the requests.
	 * @param port the application's port
	 * @return how many answers were not 2xx (or failed)
	 */
	long send(int port) {
		ModelIndex index = this.models.current();
		List<String> cards = (index != null) ? index.sortedCardIds().stream().limit(1000).toList() : List.of("none");
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		AtomicLong sent = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			for (int c = 0; c < CLIENTS; c++) {
				clients.submit(() -> {
					for (long i = sent.getAndIncrement(); i < this.requests; i = sent.getAndIncrement()) {
						HttpRequest request = request(port, cards, i);
						try {
							int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
							if (status >= 300) {
								failed.incrementAndGet();
							}
						}
						catch (IOException ex) {
							failed.incrementAndGet();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				});
			}
		}
		logger.info("AOT training run: {} requests in {} ms ({} not 2xx)", this.requests,
				(System.nanoTime() - started) / 1_000_000, failed.get());
		return failed.get();
	}

	/**
	 * Mostly single predictions, as users send them, with the other routes among them.
	 */
	private HttpRequest request(int port, List<String> cards, long i) {
		String card = cards.get((int) (i % cards.size()));
		String base = "http://127.0.0.1:" + port;
		HttpRequest.Builder builder = HttpRequest.newBuilder().header("X-API-Key", this.apiKey);
		if (i % 100 == 1) {
			StringBuilder ids = new StringBuilder("{\"card_ids\":[");
			for (int b = 0; b < BATCH_SIZE; b++) {
				ids.append((b > 0) ? "," : "")
					.append('"')
					.append(cards.get((int) ((i + b) % cards.size())))
					.append('"');
			}
			return builder.uri(URI.create(base + "/batch_predict"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(ids.append("]}").toString()))
				.build();
		}
		if (i % 100 == 2) {
			return builder.uri(URI.create(base + "/signals?signal=SELL")).GET().build();
		}
		if (i % 100 == 3) {
			return builder.uri(URI.create(base + "/health")).GET().build();
		}
		return builder.uri(URI.create(base + "/predict"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"card_id\":\"" + card + "\"}"))
			.build();
	}

}
