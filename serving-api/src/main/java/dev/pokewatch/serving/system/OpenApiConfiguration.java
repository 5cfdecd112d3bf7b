package dev.pokewatch.serving.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and rendered at {@code /docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String DESCRIPTION = """
			Fair prices and BUY/SELL/HOLD signals for Pokémon cards, served from the model in `models/baseline/`.

			**Compatibility.** Field names follow the older Python API: `/fair_price`, `/cards` and `/health` \
			answer what it answered; `deviation_pct` is a fraction (0.0062 = 0.62 %).

			**Dates** resolve as-of: the latest day with a market price at or before the requested day. \
			`date` in the answer is the day used; `requested_date` is added when it differs. A date before \
			a card's history, or an unknown card, is 404; a malformed date is 400.

			**Outliers and missing fair prices.** When the market price of the resolved day is flagged as an \
			outlier, the answer is 200 with `signal: HOLD`, `outlier: true` and a `note` (no BUY/SELL from an \
			anomalous price). When the day has no fair price (a card's first day: fair prices use previous \
			days only), the answer is 422 `fair-price-unavailable` naming the first day that has one — never \
			an invented signal.

			**Errors** are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail` \
			(naming the field, card or date) , `instance` and `request_id`. Malformed JSON and invalid \
			fields are **400** (the older API used 422 for validation), 401 missing/invalid key, 404 unknown \
			card/date/path, 405 wrong method, 409 failed reload (old model kept), 413 body too large \
			(default 1 MiB), 415 not JSON, 422 no fair price, 429 rate limited, 503 no model.

			**Headers.** `X-API-Key` on protected routes; `X-Request-ID` echoed (or generated) on every \
			response; `X-RateLimit-Limit/Remaining/Reset`.
			""";

	@Bean
	OpenAPI pokewatchOpenApi() {
		return new OpenAPI().info(new Info().title("PokeWatch API").version("1.0").description(DESCRIPTION))
			.components(new Components().addSecuritySchemes("ApiKeyAuth",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-API-Key")
						.description("API key (`pk_…`); admin routes need an admin key")));
	}

}
