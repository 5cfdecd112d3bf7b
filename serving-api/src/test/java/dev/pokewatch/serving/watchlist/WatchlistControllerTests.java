package dev.pokewatch.serving.watchlist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.serving.security.ApiKeyHashes;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WatchlistController} in the whole application with API keys on: each
 * key has its own list, kept in the local file under the key's hash.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true",
				"serving.security.api-keys=" + WatchlistControllerTests.ALICE + "," + WatchlistControllerTests.BOB,
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000",
				"serving.reload.watch=false", "serving.watchlist.max-cards=2" })
class WatchlistControllerTests {

	static final String ALICE = "pk_watchlist-alice-0123456789abcdefghijkl";

	static final String BOB = "pk_watchlist-bob-0123456789abcdefghijklmno";

	private static final Path DIR = createDir();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", () -> TestModels.write(DIR.resolve("baseline"), "v1", 1.0).toString());
		registry.add("serving.watchlist.file", () -> DIR.resolve("watchlists.json").toString());
	}

	@Test
	void watchlistWhenCardsAddedAndRemovedShouldKeepOneListPerKeyUnderItsHash() throws IOException {
		assertThat(send(ALICE, "PUT", "/watchlist/" + TestModels.CARD_A).statusCode()).isEqualTo(200);
		String body = send(ALICE, "PUT", "/watchlist/" + TestModels.CARD_B).body();
		assertThat(JsonPath.<List<String>>read(body, "$.cards[*].card_id")).containsExactly(TestModels.CARD_A,
				TestModels.CARD_B);
		assertThat(JsonPath.<String>read(body, "$.cards[0].signal")).isEqualTo("SELL");
		assertThat(JsonPath.<Integer>read(send(BOB, "GET", "/watchlist").body(), "$.count")).isZero();

		String file = Files.readString(DIR.resolve("watchlists.json"));
		assertThat(file).contains(ApiKeyHashes.sha256Hex(ALICE)).doesNotContain(ALICE);

		HttpResponse<String> full = send(ALICE, "PUT", "/watchlist/" + TestModels.CARD_C);
		assertThat(full.statusCode()).isEqualTo(409);
		assertThat(JsonPath.<String>read(full.body(), "$.type")).endsWith("/watchlist-full");

		String removed = send(ALICE, "DELETE", "/watchlist/" + TestModels.CARD_A).body();
		assertThat(JsonPath.<List<String>>read(removed, "$.cards[*].card_id")).containsExactly(TestModels.CARD_B);
		assertThat(send(ALICE, "DELETE", "/watchlist/" + TestModels.CARD_A).statusCode()).as("not watched, known")
			.isEqualTo(200);
	}

	@Test
	void watchlistWhenCardUnknownShouldAnswer404AndWithoutKey401() {
		HttpResponse<String> unknown = send(BOB, "PUT", "/watchlist/nope");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send(BOB, "DELETE", "/watchlist/nope").statusCode()).isEqualTo(404);
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.get("/watchlist").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> send(String key, String method, String path) {
		HttpTestClient http = new HttpTestClient(this.port);
		return http.send(http.request(path)
			.header("X-API-Key", key)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static Path createDir() {
		try {
			return Files.createTempDirectory("watchlist-app");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
