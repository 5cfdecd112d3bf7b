package dev.pokewatch.serving.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the web page at {@code /} in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code scripts/test-prereqs.sh}): type a key,
 * filter to BUY, follow the page's pointer to the last BUY day, open a card, and check
 * that the chart drew every day {@code GET /cards/{id}/history} returns. The screenshot
 * is saved as {@code target/web-page.png}. The model is generated like the bundled
 * sample: its newest day has no BUY; {@code -Dweb.test.model-dir=models/baseline} runs it
 * on a real one instead.
 */
@Tag("integration")
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true", "serving.security.api-keys=" + WebPageBrowserTests.KEY,
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000",
				"serving.reload.watch=false" })
class WebPageBrowserTests {

	static final String KEY = "pk_web-page-browser-key-0123456789abcdefghij";

	private static final Path WORK_DIR = createWorkDir();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Logger logger = LoggerFactory.getLogger(WebPageBrowserTests.class);

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		String given = System.getProperty("web.test.model-dir");
		Path model = (given != null && !given.isBlank()) ? Path.of(given).toAbsolutePath() : TestModels
			.write(WORK_DIR.resolve("baseline"), generatedRows(), TestModels.dispersionMetadata("web-v1"));
		registry.add("serving.model-dir", model::toString);
		registry.add("serving.watchlist.file", () -> WORK_DIR.resolve("watchlists.json").toString());
	}

	@BeforeEach
	void startBrowser() {
		Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
		Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
		assertThat(Files.isExecutable(chromium) && Files.isExecutable(driver))
			.as("headless Chromium is needed: %s and %s (sudo apt-get install -y chromium chromium-driver, "
					+ "or scripts/test-prereqs.sh)", chromium, driver)
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,1150", "--hide-scrollbars");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void pageWhenKeyTypedAndBuyCardOpenedShouldDrawEveryDayOfItsHistory() throws IOException {
		WebDriverWait wait = new WebDriverWait(this.browser, WAIT);
		this.browser.get(base() + "/");
		WebElement keyInput = this.browser.findElement(By.id("api-key"));
		keyInput.sendKeys(KEY);
		this.browser.findElement(By.id("key-save")).click();
		wait.until(ExpectedConditions.attributeToBeNotEmpty(this.browser.findElement(By.tagName("body")),
				"data-first-table-ms"));
		logger.info("First table in {} ms (from the key's submission, {} cards)",
				this.browser.findElement(By.tagName("body")).getAttribute("data-first-table-ms"),
				JsonPath.<Integer>read(tableTotal(), "$.total"));
		assertThat(this.browser.getCurrentUrl()).doesNotContain(KEY);
		assertThat(keyInput.getAttribute("value")).isEmpty();
		assertThat(
				((JavascriptExecutor) this.browser).executeScript("return sessionStorage.getItem('pokewatch.apiKey')"))
			.isEqualTo(KEY);

		new Select(this.browser.findElement(By.id("signal-filter"))).selectByValue("BUY");
		wait.until((driver) -> !buyRows().isEmpty() || this.browser.findElement(By.id("note-jump")).isDisplayed());
		if (buyRows().isEmpty()) {
			// the newest day has no BUY (as on the bundled sample): follow the note
			this.browser.findElement(By.id("note-jump")).click();
			wait.until((driver) -> !buyRows().isEmpty());
		}
		assertThat(this.browser.findElements(By.cssSelector("#card-table tbody tr")))
			.allSatisfy((row) -> assertThat(row.getAttribute("data-signal")).isEqualTo("BUY"));

		WebElement first = buyRows().get(0);
		String cardId = first.getAttribute("data-card");
		first.findElement(By.cssSelector("button.open")).click();
		WebElement chart = this.browser.findElement(By.id("chart"));
		wait.until((driver) -> cardId.equals(chart.getAttribute("data-card"))
				&& !chart.getAttribute("data-points").isEmpty());

		int historyDays = JsonPath.read(history(cardId), "$.count");
		assertThat(historyDays).isPositive();
		assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isEqualTo(historyDays);
		assertThat(this.browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
		assertThat(this.browser.findElement(By.id("prediction")).getText()).contains("hit rate");

		// watch the card: the server keeps it for this key and the page lists it
		this.browser.findElement(By.cssSelector("#card-table tbody tr[data-card='" + cardId + "'] button.star"))
			.click();
		wait.until((
				driver) -> !this.browser.findElements(By.cssSelector("#watchlist-items li[data-card='" + cardId + "']"))
					.isEmpty());
		assertThat(
				this.browser.findElement(By.cssSelector("#card-table tbody tr[data-card='" + cardId + "'] button.star"))
					.getAttribute("aria-pressed"))
			.isEqualTo("true");
		assertThat(cspViolations()).isEmpty();
		// the card view scrolled into sight: the picture shows the page from its top
		((JavascriptExecutor) this.browser).executeScript("window.scrollTo({top: 0, behavior: 'instant'})");
		saveScreenshot(Path.of("target", "web-page.png"));
	}

	@Test
	void pageWhenServedShouldAllowItsOwnAssetsOnlyAndKeepDataBehindTheKey() {
		HttpTestClient http = new HttpTestClient(this.port);
		for (String path : List.of("/", "/app/main.js", "/app/style.css", "/webjars/uplot/dist/uPlot.esm.js")) {
			java.net.http.HttpResponse<String> response = http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'none'; script-src 'self';")
					.contains("connect-src 'self'")
					.doesNotContain("unsafe"));
		}
		assertThat(http.get("/").body()).doesNotContain("<script>").doesNotContain("style=");
		assertThat(http.get("/cards/table").statusCode()).isEqualTo(401);
		assertThat(http.get("/health").headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; frame-ancestors 'none'");
	}

	private List<WebElement> buyRows() {
		return this.browser.findElements(By.cssSelector("#card-table tbody tr[data-signal='BUY']"));
	}

	private String tableTotal() {
		HttpTestClient http = new HttpTestClient(this.port);
		return http.send(http.request("/cards/table?size=1").header("X-API-Key", KEY).GET().build()).body();
	}

	private String history(String cardId) {
		HttpTestClient http = new HttpTestClient(this.port);
		java.net.http.HttpResponse<String> response = http
			.send(http.request("/cards/" + cardId + "/history").header("X-API-Key", KEY).GET().build());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private List<String> cspViolations() {
		List<String> violations = new ArrayList<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getMessage().contains("Content Security Policy")) {
				violations.add(entry.getMessage());
			}
		}
		return violations;
	}

	private void saveScreenshot(Path target) throws IOException {
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * 40 cards (or {@code web.test.cards}) over 60 days with a dispersion of 0.05: card
	 * {@code i} is a BUY on day {@code 10 + i} and a SELL on day {@code 12 + i}, an
	 * outlier on day 5 and without a fair price on day 0, so with 40 cards the newest day
	 * (59) has no signal and the last BUY day is 49.
	 */
	static List<ServedFeaturesCodec.Row> generatedRows() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		LocalDate start = LocalDate.parse("2026-01-01");
		int cards = Integer.getInteger("web.test.cards", 40);
		for (int card = 0; card < cards; card++) {
			String cardId = "web_card_%05d".formatted(card);
			String category = (card % 2 == 0) ? "single" : "sealed";
			for (int day = 0; day < 60; day++) {
				double market = 20.0 + card + 5.0 * Math.sin((day + card) / 7.0);
				double ratio = (day == 10 + card) ? 1.15 : (day == 12 + card) ? 0.85 : 1.01;
				boolean outlier = day == 5;
				Double fair = (day == 0) ? null : market * ratio;
				rows.add(TestModels.row(cardId, "Web card " + card, category, start.plusDays(day).toString(),
						outlier ? market * 3 : market, fair, 0.05, outlier));
			}
		}
		return rows;
	}

	private static Path createWorkDir() {
		try {
			return Files.createTempDirectory("web-page");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
