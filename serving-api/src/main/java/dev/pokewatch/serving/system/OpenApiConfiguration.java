package dev.pokewatch.serving.system;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and rendered at {@code /docs}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	/** Name of the problem+json schema every error response refers to. */
	public static final String PROBLEM_SCHEMA = "Problem";

	/** Reference to {@link #PROBLEM_SCHEMA}, for {@code @Schema(ref = ...)}. */
	public static final String PROBLEM_SCHEMA_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

	/** A card of the bundled sample, so the document's examples answer 200. */
	public static final String EXAMPLE_CARD = "sv04_5_mew_ex_232";

	/** A day of the bundled sample on which {@link #EXAMPLE_CARD} has a fair price. */
	public static final String EXAMPLE_DATE = "2026-08-21";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String API_KEY_SCHEME = "ApiKeyAuth";

	static final String DESCRIPTION = """
			Fair prices and BUY/SELL/HOLD signals for Pokémon cards, served from the model in `models/baseline/`.

			**Compatibility.** Field names follow the older Python API: `/fair_price`, `/cards` and `/health` \
			answer what it answered; `deviation_pct` is a fraction (0.0062 = 0.62 %).

			**Fair price and signals.** `fair_price` is the model's forecast of the market price at the \
			signal horizon (7 days), from previous days only, so BUY means "expected to rise" and SELL \
			"expected to fall" whatever the model. The model's rule compares either `deviation_pct` with \
			percent thresholds or `strength` = ln(fair_price / market_price) / dispersion (the expected move \
			in units of the card's typical move) with strength thresholds; `GET /signals` states the rule. \
			`strength` is an addition: the first seven fields of `/predict` are unchanged, and `strength` is \
			null when the card's dispersion that day is unknown (a dispersion rule then answers HOLD).

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
			.components(new Components().addSchemas(PROBLEM_SCHEMA, problemSchema())
				.addSecuritySchemes(API_KEY_SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("API key (`pk_…`); admin routes need an admin key")));
	}

	/**
	 * Add the answers every operation can give whatever its controller declares: 401 and
	 * 429 on protected routes, 403 on admin routes, 415 on routes with a body. They come
	 * from filters and the exception handler, so no controller annotation states them.
	 * @return the customizer
	 */
	@Bean
	OpenApiCustomizer commonProblemResponses() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				boolean isProtected = isProtected(openApi, operation);
				if (isProtected) {
					addProblem(operation, "401", "Missing or invalid API key (`WWW-Authenticate: ApiKey`)");
					addProblem(operation, "429", "Rate limit exceeded (`Retry-After`)");
				}
				if (isProtected && path.startsWith("/admin/")) {
					addProblem(operation, "403", "The key is not an admin key");
				}
				if (operation.getRequestBody() != null) {
					addProblem(operation, "400", "Malformed JSON or invalid field (the detail names it)");
					addProblem(operation, "413", "Body over the size limit (default 1 MiB)");
					addProblem(operation, "415", "Body is not `application/json`");
				}
			}));
			openApi.getComponents().getSchemas().remove("ProblemDetail");
		};
	}

	private static boolean isProtected(OpenAPI openApi, Operation operation) {
		List<io.swagger.v3.oas.models.security.SecurityRequirement> security = (operation.getSecurity() != null)
				? operation.getSecurity() : openApi.getSecurity();
		return security != null && security.stream().anyMatch((requirement) -> requirement.containsKey(API_KEY_SCHEME));
	}

	private static void addProblem(Operation operation, String status, String description) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType(PROBLEM_JSON,
								new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA_REF)))));
		}
	}

	/**
	 * RFC 9457 problem details as this API writes them. {@code instance} is the request
	 * path, a relative reference, and {@code request_id} equals {@code X-Request-ID}.
	 * @return the schema
	 */
	static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details (`application/problem+json`)")
			.properties(Map.of("type", new StringSchema().format("uri"), "title", new StringSchema(), "status",
					new IntegerSchema().format("int32"), "detail", new StringSchema(), "instance",
					new StringSchema().format("uri-reference"), "request_id", new StringSchema()))
			.required(List.of("type", "title", "status"));
	}

}
