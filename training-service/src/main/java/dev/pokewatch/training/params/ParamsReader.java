package dev.pokewatch.training.params;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.system.CommandException;

/**
 * Reads {@code params.yaml}. Absent keys take the documented defaults; a present key of
 * the wrong type or range is a usage error naming the file and the key.
 */
public final class ParamsReader {

	/** The default parameters file. */
	public static final Path DEFAULT_FILE = Path.of("params.yaml");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final Path file;

	private final JsonNode root;

	private ParamsReader(Path file, JsonNode root) {
		this.file = file;
		this.root = root;
	}

	/**
	 * Reads a parameters file.
	 * @param file the file
	 * @param required whether a missing file is an error (otherwise defaults are used)
	 * @return the parameters
	 * @throws CommandException (exit 2) naming the file and key at fault
	 */
	public static TrainingParams read(Path file, boolean required) {
		JsonNode root;
		try {
			root = YAML.readTree(Files.readString(file));
		}
		catch (NoSuchFileException ex) {
			if (required) {
				throw CommandException.usage(file + ": parameters file not found");
			}
			root = MissingNode.getInstance();
		}
		catch (IOException | JacksonException ex) {
			throw CommandException.usage(file + ": not readable YAML: " + ex.getMessage());
		}
		if (root == null || root.isNull()) {
			root = MissingNode.getInstance();
		}
		if (!root.isMissingNode() && !root.isObject()) {
			throw CommandException.usage(file + ": expected a mapping of parameter groups");
		}
		return new ParamsReader(file, root).params();
	}

	private TrainingParams params() {
		TrainingParams.Paths paths = new TrainingParams.Paths(path("paths.raw_dir", "data/raw"),
				path("paths.processed_dir", "data/processed"), path("paths.candidate_dir", "models/candidate"),
				path("paths.baseline_dir", "models/baseline"), path("paths.reports_dir", "reports"));
		OutlierRule outlier = build("preprocess.outlier",
				() -> new OutlierRule(positiveInt("preprocess.outlier.window_days", 60),
						positiveInt("preprocess.outlier.min_points", 3), number("preprocess.outlier.mad_k", 5.0),
						number("preprocess.outlier.min_jump_factor", 3.0)));
		SignalRule thresholds = build("model", () -> new SignalRule(number("model.buy_threshold_pct", 0.10),
				number("model.sell_threshold_pct", 0.15)));
		List<FairPriceType> types = list("train.grid.types", List.of("sma", "ewma", "median"), (node) -> {
			if (!node.isString()) {
				throw new IllegalArgumentException("must be a list of model types");
			}
			return FairPriceType.parse(node.asString());
		});
		List<Integer> windows = list("train.grid.windows", List.of(3, 5, 7, 14, 21, 30), (node) -> {
			if (!node.isIntegralNumber() || node.intValue() < 1) {
				throw new IllegalArgumentException("must be a list of positive whole numbers of days");
			}
			return node.intValue();
		});
		TrainingParams.Train train = new TrainingParams.Train(types, windows, positiveInt("train.holdout_days", 30),
				positiveInt("train.horizon_days", 7), nonNegativeInt("train.min_signals", 20),
				number("train.min_lift", 0.0), positiveInt("train.naive_lookback_days", 7),
				text("train.experiment", "pokewatch_baseline"), text("train.registered_model", "pokewatch-baseline"),
				positiveInt("train.plot_top_cards", 4));
		TrainingParams.Gate gate = new TrainingParams.Gate(number("gate.mape_max", 20.0),
				number("gate.coverage_min", 0.80), number("gate.champion_mape_margin", 0.5),
				number("gate.champion_coverage_margin", 0.05));
		return new TrainingParams(paths, outlier, thresholds, train, gate);
	}

	private <T> T build(String key, java.util.function.Supplier<T> supplier) {
		try {
			return supplier.get();
		}
		catch (IllegalArgumentException ex) {
			throw CommandException.usage(this.file + ": '" + key + "': " + ex.getMessage());
		}
	}

	private JsonNode node(String key) {
		JsonNode node = this.root;
		for (String part : key.split("\\.")) {
			node = node.path(part);
		}
		return node.isNull() ? MissingNode.getInstance() : node;
	}

	private Path path(String key, String fallback) {
		return Path.of(text(key, fallback));
	}

	private String text(String key, String fallback) {
		JsonNode node = node(key);
		if (node.isMissingNode()) {
			return fallback;
		}
		if (!node.isString() || node.asString().isBlank()) {
			throw CommandException.usage(this.file + ": '" + key + "' must be a non-empty string");
		}
		return node.asString();
	}

	private double number(String key, double fallback) {
		JsonNode node = node(key);
		if (node.isMissingNode()) {
			return fallback;
		}
		if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
			throw CommandException.usage(this.file + ": '" + key + "' must be a number, got '" + node + "'");
		}
		return node.doubleValue();
	}

	private int positiveInt(String key, int fallback) {
		int value = nonNegativeInt(key, fallback);
		if (value < 1) {
			throw CommandException.usage(this.file + ": '" + key + "' must be at least 1, got " + value);
		}
		return value;
	}

	private int nonNegativeInt(String key, int fallback) {
		JsonNode node = node(key);
		if (node.isMissingNode()) {
			return fallback;
		}
		if (!node.isIntegralNumber() || node.intValue() < 0) {
			throw CommandException.usage(this.file + ": '" + key + "' must be a whole number >= 0, got '" + node + "'");
		}
		return node.intValue();
	}

	private <T> List<T> list(String key, List<?> fallback, Function<JsonNode, T> element) {
		JsonNode node = node(key);
		if (node.isMissingNode()) {
			node = YAML.valueToTree(fallback);
		}
		if (!node.isArray() || node.isEmpty()) {
			throw CommandException.usage(this.file + ": '" + key + "' must be a non-empty list");
		}
		List<T> values = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			try {
				values.add(element.apply(node.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw CommandException.usage(this.file + ": '" + key + "[" + i + "]' " + ex.getMessage());
			}
		}
		return values;
	}

}
