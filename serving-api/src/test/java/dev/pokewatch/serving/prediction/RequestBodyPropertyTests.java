package dev.pokewatch.serving.prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.pokewatch.serving.onlinefeatures.OnlineFeatureReader;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;
import dev.pokewatch.serving.system.ApiExceptionHandler;
import dev.pokewatch.serving.system.RequestIdFilter;
import dev.pokewatch.serving.system.ServingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Property tests for {@link PredictionController}: arbitrary and JSON-ish request bodies
 * never yield a 5xx, and every error is problem+json with a request id.
 */
class RequestBodyPropertyTests {

	private static final MockMvc MVC = buildMockMvc();

	private static final String[] FRAGMENTS = { "{", "}", "[", "]", ":", ",", " ", "\"card_id\"", "\"card_ids\"",
			"\"date\"", "\"" + TestModels.CARD_A + "\"", "\"" + TestModels.CARD_B + "\"", "\"2025-11-23\"",
			"\"2025-13-01\"", "\"1900-01-01\"", "\"+999999999-12-31\"", "null", "true", "false", "0", "-1", "1e999",
			"\"\\u0000\"", "\"\\ud800\"", "\"", "\\", "{\"card_id\":", "[{\"card_id\":", "\"x\"",
			"99999999999999999999" };

	@Property(tries = 300)
	void predictWhenBodyIsArbitraryShouldNeverAnswer5xx(@ForAll("bodies") String body, @ForAll("paths") String path)
			throws Exception {
		MockHttpServletResponse response = MVC.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as("status for %s", body).isBetween(200, 499);
		if (response.getStatus() >= 400) {
			assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(JsonPath.<String>read(response.getContentAsString(), "$.request_id"))
				.isEqualTo(response.getHeader(RequestIdFilter.HEADER));
			assertThat(JsonPath.<String>read(response.getContentAsString(), "$.detail")).isNotBlank();
		}
	}

	@Provide
	Arbitrary<String> paths() {
		return Arbitraries.of("/predict", "/fair_price", "/batch_predict");
	}

	@Provide
	Arbitrary<String> bodies() {
		Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(120);
		Arbitrary<String> jsonish = Arbitraries.of(FRAGMENTS)
			.list()
			.ofMaxSize(24)
			.map((parts) -> String.join("", parts));
		Arbitrary<String> predictShaped = Arbitraries.strings()
			.ofMaxLength(30)
			.flatMap((date) -> Arbitraries.of(TestModels.CARD_A, TestModels.CARD_B, TestModels.CARD_C, "", "nope")
				.map((card) -> "{\"card_id\":\"" + card + "\",\"date\":\"" + date.replace("\\", "").replace("\"", "")
						+ "\"}"));
		return Arbitraries.oneOf(anyText, jsonish, predictShaped);
	}

	private static MockMvc buildMockMvc() {
		try {
			Path dir = TestModels.write(Files.createTempDirectory("property").resolve("baseline"), "prop-v1", 1.0);
			ServingProperties properties = TestProperties.of(dir);
			ServedModelHolder registry = new ServedModelHolder(properties, new SimpleMeterRegistry());
			registry.afterSingletonsInstantiated();
			PredictionService service = new PredictionService(properties, new SimpleMeterRegistry(),
					Validation.buildDefaultValidatorFactory().getValidator());
			return MockMvcBuilders
				.standaloneSetup(new PredictionController(registry, service,
						new SinglePrediction(registry, service,
								new StaticListableBeanFactory().getBeanProvider(OnlineFeatureReader.class))))
				.setControllerAdvice(new ApiExceptionHandler())
				.addFilters(new RequestIdFilter())
				.build();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
