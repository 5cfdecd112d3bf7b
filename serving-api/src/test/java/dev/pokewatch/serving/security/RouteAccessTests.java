package dev.pokewatch.serving.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RouteAccess}.
 */
class RouteAccessTests {

	@ParameterizedTest
	@CsvSource({ "/predict, CLIENT", "/fair_price, CLIENT", "/batch_predict, CLIENT", "/list_cards, CLIENT",
			"/cards, CLIENT", "/signals, CLIENT", "/admin/reload, ADMIN", "/admin, ADMIN", "/health, OPEN",
			"/metrics, OPEN", "/actuator/prometheus, OPEN", "/docs, OPEN", "/v3/api-docs/swagger-config, OPEN",
			"/swagger-ui/index.html, OPEN", "/, OPEN", "/nope, OPEN", "/predictions, OPEN", "/cardsx, OPEN",
			"/signalsx, OPEN", "/administrator, OPEN", "/watchlist, CLIENT", "/watchlist/x, CLIENT",
			"/cards/table, CLIENT", "/cards/x/history, CLIENT", "/index.html, OPEN", "/app/main.js, OPEN",
			"/webjars/uplot/dist/uPlot.esm.js, OPEN", "/watchlists, OPEN" })
	void ofPathWhenKnownRouteShouldGiveItsAccess(String path, RouteAccess expected) {
		assertThat(RouteAccess.ofPath(path)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "/predict/, CLIENT", "//predict, CLIENT", "/PREDICT, CLIENT", "/cards/x, CLIENT", "/SIGNALS/, CLIENT",
			"//admin//reload, ADMIN", "/Admin/Reload/, ADMIN" })
	void ofPathWhenVariantSpellingShouldStillBeProtected(String path, RouteAccess expected) {
		assertThat(RouteAccess.ofPath(path)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "/%70redict, CLIENT", "/predict;jsessionid=1, CLIENT", "/admin;x=y/reload, ADMIN" })
	void ofWhenEncodedOrWithPathParametersShouldClassifyTheDecodedPath(String uri, RouteAccess expected) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		assertThat(RouteAccess.of(request)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "/api, /api/predict, CLIENT", "/api, /api/health, OPEN" })
	void ofWhenContextPathShouldClassifyThePathInsideTheApplication(String contextPath, String uri,
			RouteAccess expected) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		assertThat(RouteAccess.of(request)).isEqualTo(expected);
	}

}
