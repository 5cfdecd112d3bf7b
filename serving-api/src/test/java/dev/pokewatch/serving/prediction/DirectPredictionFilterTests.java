package dev.pokewatch.serving.prediction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

import dev.pokewatch.serving.onlinefeatures.OnlineFeatureReader;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.system.ApiProblemException;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DirectPredictionFilter}: which requests it answers itself, and that
 * every other one reaches the rest of the chain with its body intact.
 */
class DirectPredictionFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	@TempDir
	Path dir;

	private DirectPredictionFilter filter;

	private PredictionService service;

	private ServedModelHolder registry;

	/** What the exception resolver was given. */
	private final AtomicReference<Exception> resolved = new AtomicReference<>();

	@BeforeEach
	void load() {
		Path model = TestModels.write(this.dir.resolve("baseline"), TestModels.dispersionRows(),
				TestModels.dispersionMetadata("direct-v1"));
		this.registry = new ServedModelHolder(TestProperties.of(model), new SimpleMeterRegistry());
		this.registry.afterSingletonsInstantiated();
		this.service = new PredictionService(TestProperties.of(model), new SimpleMeterRegistry(),
				this.validation.getValidator());
		SinglePrediction single = new SinglePrediction(this.registry, this.service,
				new StaticListableBeanFactory().getBeanProvider(OnlineFeatureReader.class));
		this.filter = new DirectPredictionFilter(single, JSON, (request, response, handler, ex) -> {
			this.resolved.set(ex);
			response.setStatus(((ApiProblemException) ex).status().value());
			return new ModelAndView();
		});
	}

	@AfterEach
	void close() {
		this.validation.close();
	}

	@Test
	void plainRequestIsAnsweredWithoutTheRestOfTheChain() throws Exception {
		Passed passed = new Passed();
		MockHttpServletResponse response = run(post("/predict", "{\"card_id\":\"z_sell\"}"), passed);
		assertThat(passed.request.get()).as("the chain after the filter").isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
		String expected = JSON.writeValueAsString(this.service.predict(this.registry.require(), "z_sell", null));
		assertThat(response.getContentAsString()).isEqualTo(expected).contains("\"signal\":\"SELL\"");
	}

	@Test
	void cachedAnswerIsSentAgainAndAnAsOfDayKeepsItsRequestedDate() throws Exception {
		// the resolved day's answer is cached with its JSON; an as-of request for a later
		// day must not be sent those bytes
		String exact = run(post("/predict", "{\"card_id\":\"z_week_old\",\"date\":\"2026-03-03\"}"), new Passed())
			.getContentAsString();
		String asOf = run(post("/predict", "{\"card_id\":\"z_week_old\",\"date\":\"2026-03-05\"}"), new Passed())
			.getContentAsString();
		String again = run(post("/predict", "{\"card_id\":\"z_week_old\",\"date\":\"2026-03-03\"}"), new Passed())
			.getContentAsString();
		assertThat(exact).contains("\"date\":\"2026-03-03\"").doesNotContain("requested_date");
		assertThat(asOf).contains("\"date\":\"2026-03-03\"").contains("\"requested_date\":\"2026-03-05\"");
		assertThat(again).isEqualTo(exact)
			.isEqualTo(
					JSON.writeValueAsString(this.service.predict(this.registry.require(), "z_week_old", "2026-03-03")));
	}

	@Test
	void aliasAndDatedRequestAreAnswered() throws Exception {
		Passed passed = new Passed();
		MockHttpServletResponse response = run(
				post("/fair_price", "{\"date\":\"2026-03-05\",\"card_id\":\"z_week_old\"}"), passed);
		assertThat(passed.request.get()).isNull();
		assertThat(response.getContentAsString()).contains("\"date\":\"2026-03-03\"")
			.contains("\"requested_date\":\"2026-03-05\"");
	}

	@Test
	void bodyItCannotParseGoesOnIntact() throws Exception {
		for (String body : new String[] { "{\"card_id\":\"z_sell\"", "{\"card_id\":\" \"}", "{}", "null",
				"{\"card_id\":[1]}", "{\"card_id\":\"z_sell\"} trailing" }) {
			Passed passed = new Passed();
			run(post("/predict", body), passed);
			assertThat(passed.request.get()).as(body).isNotNull();
			assertThat(passed.body.get()).as("the body the controller reads").isEqualTo(body);
			assertThat(this.resolved.get()).isNull();
		}
	}

	@Test
	void cardOrDayTheModelCannotAnswerGoesToTheExceptionHandlersOnce() throws Exception {
		Map<String, Integer> statusByBody = Map.of("{\"card_id\":\"no_such_card\"}", 404,
				"{\"card_id\":\"z_sell\",\"date\":\"2026-02-30\"}", 400,
				"{\"card_id\":\"z_sell\",\"date\":\"1999-01-01\"}", 404, "{\"card_id\":\"z_no_fair\"}", 422);
		statusByBody.forEach((body, status) -> {
			this.resolved.set(null);
			Passed passed = new Passed();
			MockHttpServletResponse response = run(post("/predict", body), passed);
			assertThat(passed.request.get()).as(body).isNull();
			assertThat(this.resolved.get()).as(body).isInstanceOf(ApiProblemException.class);
			assertThat(response.getStatus()).as(body).isEqualTo(status);
		});
	}

	@Test
	void requestOfAnotherKindGoesOnUnread() throws Exception {
		MockHttpServletRequest xml = post("/predict", "{\"card_id\":\"z_sell\"}");
		xml.addHeader("Accept", "application/xml");
		MockHttpServletRequest latin = post("/predict", "{\"card_id\":\"z_sell\"}");
		latin.setContentType("application/json;charset=ISO-8859-1");
		MockHttpServletRequest batch = post("/batch_predict", "{\"card_ids\":[\"z_sell\"]}");
		MockHttpServletRequest large = post("/predict",
				"{\"card_id\":\"z_sell\",\"pad\":\"" + "x".repeat(DirectPredictionFilter.MAX_BODY_BYTES) + "\"}");
		for (MockHttpServletRequest request : new MockHttpServletRequest[] { xml, latin, batch, large }) {
			Passed passed = new Passed();
			run(request, passed);
			assertThat(passed.request.get()).as(request.getRequestURI()).isSameAs(request);
		}
	}

	private MockHttpServletResponse run(MockHttpServletRequest request, Passed passed) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			this.filter.doFilter(request, response, passed);
		}
		catch (ServletException | IOException ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	private static MockHttpServletRequest post(String uri, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	/** The rest of the chain: records the request it got and the body it could read. */
	private static final class Passed implements FilterChain {

		private final AtomicReference<ServletRequest> request = new AtomicReference<>();

		private final AtomicReference<String> body = new AtomicReference<>();

		@Override
		public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response) throws IOException {
			this.request.set(request);
			this.body.set(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}

	}

}
