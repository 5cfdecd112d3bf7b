package dev.pokewatch.common.drift;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the readers of {@code reports/drift.json} (serving-api's gauges, the scheduler)
 * take from it. Training's {@code drift} command writes the file; a training test reads
 * what it wrote through {@link #read(Path)}, so the two sides cannot drift apart.
 *
 * @param status {@code ok}, {@code warn}, {@code drift}, or {@code insufficient_data}
 * @param generatedAt when the check ran, {@code null} when the report does not say
 * @param modelVersion the served model it checked
 * @param psi per feature ({@code returns}, {@code deviation}) and category, the PSI
 * (categories without one are left out)
 * @param liveErrorStatus the live error check's status
 * @param liveErrorRatio live next-day MAPE over training MAPE, {@code null} when unknown
 * @param hitRateStatus the live hit rate check's status
 * @since 0.1.0
 */
public record DriftSummary(String status, Instant generatedAt, String modelVersion,
		Map<String, Map<String, Double>> psi, String liveErrorStatus, Double liveErrorRatio, String hitRateStatus) {

	/** The report's file name in the reports directory. */
	public static final String FILE_NAME = "drift.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The status as a number for a gauge: 0 ok, 1 warn, 2 drift, -1 anything else.
	 * @return the level
	 */
	public int level() {
		return switch (this.status) {
			case "ok" -> 0;
			case "warn" -> 1;
			case "drift" -> 2;
			default -> -1;
		};
	}

	/**
	 * Reads a drift report.
	 * @param file the report
	 * @return its summary
	 * @throws IOException when the file cannot be read, is not JSON or lacks
	 * {@code status} (the message names the file)
	 */
	public static DriftSummary read(Path file) throws IOException {
		JsonNode root;
		try {
			root = JSON.readTree(file.toFile());
		}
		catch (JacksonException ex) {
			throw new IOException(file + ": not a drift report: " + ex.getOriginalMessage(), ex);
		}
		String status = text(root, "status");
		String generatedAt = text(root, "generated_at");
		if (status == null) {
			throw new IOException(file + ": not a drift report: 'status' is required");
		}
		Instant generated = null;
		try {
			generated = (generatedAt != null) ? Instant.parse(generatedAt) : null;
		}
		catch (DateTimeParseException ex) {
			throw new IOException(file + ": 'generated_at' is not an instant: " + generatedAt, ex);
		}
		Map<String, Map<String, Double>> psi = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> feature : root.path("psi").properties()) {
			Map<String, Double> byCategory = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> category : feature.getValue().properties()) {
				JsonNode value = category.getValue().path("psi");
				if (value.isNumber()) {
					byCategory.put(category.getKey(), value.asDouble());
				}
			}
			psi.put(feature.getKey(), Map.copyOf(byCategory));
		}
		JsonNode ratio = root.path("live_error").path("ratio");
		return new DriftSummary(status, generated, text(root, "model_version"), Map.copyOf(psi),
				text(root.path("live_error"), "status"), ratio.isNumber() ? ratio.asDouble() : null,
				text(root.path("hit_rate"), "status"));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

}
