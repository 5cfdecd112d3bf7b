package dev.pokewatch.training.params;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.signal.Dispersion;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.system.CommandException;

/**
 * Reads {@code params.yaml} into {@link TrainingParams}.
 * <p>
 * The defaults live in one place: the bundled {@link #DEFAULTS_RESOURCE}, of which the
 * repository's {@code params.yaml} is a copy (a test keeps the two equal). We chose a
 * bundled file over defaults in the records because the file is what DVC tracks and
 * people read, with a comment per key; a second copy of each value in Java would drift. A
 * given file is merged over the defaults (a key it leaves out or sets to null keeps its
 * default), then bound strictly: an unknown key or a value of the wrong type is a usage
 * error naming the file and the key's path, e.g. {@code train.grid.tyeps}.
 */
public final class ParamsReader {

	/** The default parameters file. */
	public static final Path DEFAULT_FILE = Path.of("params.yaml");

	/** The bundled defaults, on the classpath. */
	public static final String DEFAULTS_RESOURCE = "/dev/pokewatch/training/params/default-params.yaml";

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		// "30" is not a number of days: quoted numbers and booleans are type errors
		.withCoercionConfig(LogicalType.Integer,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Float,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Boolean,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.build();

	private ParamsReader() {
	}

	/**
	 * Reads a parameters file over the bundled defaults.
	 * @param file the file
	 * @param required whether a missing file is an error (otherwise the defaults are
	 * used)
	 * @return the parameters
	 * @throws CommandException (exit 2) naming the file and key at fault
	 */
	public static TrainingParams read(Path file, boolean required) {
		ObjectNode merged = defaults();
		JsonNode given = readFile(file, required);
		if (given != null) {
			if (!given.isObject()) {
				throw CommandException.usage(file + ": expected a mapping of parameter groups");
			}
			merge(merged, (ObjectNode) given);
		}
		return bind(merged, file.toString());
	}

	/**
	 * The bundled defaults, as parameters.
	 * @return the defaults
	 */
	public static TrainingParams defaultParams() {
		return bind(defaults(), DEFAULTS_RESOURCE);
	}

	/**
	 * The bundled defaults, as a YAML tree.
	 * @return a fresh copy of the tree
	 */
	static ObjectNode defaults() {
		try (InputStream in = ParamsReader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
			}
			return (ObjectNode) YAML.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode readFile(Path file, boolean required) {
		try {
			JsonNode root = YAML.readTree(Files.readString(file));
			return (root == null || root.isNull() || root.isMissingNode()) ? null : root;
		}
		catch (NoSuchFileException ex) {
			if (required) {
				throw CommandException.usage(file + ": parameters file not found");
			}
			return null;
		}
		catch (IOException | JacksonException ex) {
			throw CommandException.usage(file + ": not readable YAML: " + ex.getMessage());
		}
	}

	/**
	 * Deep-merges {@code given} into {@code target}: mappings merge key by key, any other
	 * value (lists included) replaces the default, and null keeps the default.
	 */
	private static void merge(ObjectNode target, ObjectNode given) {
		for (Map.Entry<String, JsonNode> entry : given.properties()) {
			JsonNode value = entry.getValue();
			JsonNode current = target.get(entry.getKey());
			if (value.isNull()) {
				continue;
			}
			if (value.isObject() && current != null && current.isObject()) {
				merge((ObjectNode) current, (ObjectNode) value);
			}
			else {
				target.set(entry.getKey(), value);
			}
		}
	}

	private static TrainingParams bind(ObjectNode tree, String source) {
		try {
			return YAML.treeToValue(tree, Document.class).toParams();
		}
		catch (JacksonException ex) {
			throw CommandException.usage(source + ": " + describe(ex));
		}
	}

	private static String describe(JacksonException ex) {
		String key = key(ex.getPath());
		if (ex instanceof UnrecognizedPropertyException) {
			return "unknown key '" + key + "'";
		}
		if (ex instanceof ValueInstantiationException && ex.getCause() != null) {
			return "'" + key + "': " + ex.getCause().getMessage();
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Object value = (ex instanceof InvalidFormatException invalid) ? invalid.getValue() : null;
			return "'" + key + "' must be " + expected(mismatch.getTargetType())
					+ ((value != null) ? ", got '" + value + "'" : "");
		}
		return "'" + key + "': " + ex.getOriginalMessage();
	}

	private static String key(List<JacksonException.Reference> path) {
		StringBuilder key = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				key.append((key.isEmpty()) ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				key.append('[').append(reference.getIndex()).append(']');
			}
		}
		return key.toString();
	}

	private static String expected(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class) {
			return "a whole number";
		}
		if (type == double.class || type == Double.class) {
			return "a number";
		}
		if (type == String.class || type == Path.class) {
			return "a string";
		}
		if (List.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return "a mapping";
	}

	/**
	 * The layout of {@code params.yaml}, bound with snake_case keys.
	 */
	record Document(TrainingParams.Paths paths, Preprocess preprocess, Model model, Train train,
			TrainingParams.Gate gate, TrainingParams.Drift drift) {

		TrainingParams toParams() {
			return new TrainingParams(this.paths, this.preprocess.outlier(), this.model.toRule(), this.train.toTrain(),
					this.gate, this.drift);
		}

	}

	/**
	 * {@code model.*}: the percent rule and the minimum price every rule shares.
	 */
	record Model(double buyThresholdPct, double sellThresholdPct, double minSignalPrice) {

		Model {
			// checked while binding, so the error names the key
			new SignalRule(buyThresholdPct, sellThresholdPct, minSignalPrice);
		}

		SignalRule toRule() {
			return new SignalRule(this.buyThresholdPct, this.sellThresholdPct, this.minSignalPrice);
		}

	}

	/**
	 * {@code preprocess.*}.
	 */
	record Preprocess(OutlierRule outlier) {

	}

	/**
	 * {@code train.*}; its checks name the keys as the file spells them.
	 */
	record Train(Grid grid, int dispersionDays, double minDispersion, int holdoutDays, double holdoutMaxShare,
			int minHistoryDays, int horizonDays, int minSignals, double minLift, int naiveLookbackDays,
			String experiment, String registeredModel, int plotTopCards) {

		Train {
			atLeast("dispersion_days", dispersionDays, Dispersion.MIN_RETURNS);
			if (!(minDispersion > 0 && minDispersion < 1)) {
				throw new IllegalArgumentException("'min_dispersion' must be in (0, 1), got " + minDispersion);
			}
			if (!(holdoutMaxShare > 0 && holdoutMaxShare < 1)) {
				throw new IllegalArgumentException("'holdout_max_share' must be in (0, 1), got " + holdoutMaxShare);
			}
			atLeast("min_history_days", minHistoryDays, 2);
			atLeast("holdout_days", holdoutDays, 1);
			atLeast("horizon_days", horizonDays, 1);
			atLeast("min_signals", minSignals, 0);
			atLeast("naive_lookback_days", naiveLookbackDays, 1);
			atLeast("plot_top_cards", plotTopCards, 1);
			notBlank("experiment", experiment);
			notBlank("registered_model", registeredModel);
		}

		TrainingParams.Train toTrain() {
			return new TrainingParams.Train(this.grid.types(), this.grid.windows(), this.grid.trends(),
					this.grid.strengths(), this.dispersionDays, this.minDispersion, this.holdoutDays,
					this.holdoutMaxShare, this.minHistoryDays, this.horizonDays, this.minSignals, this.minLift,
					this.naiveLookbackDays, this.experiment, this.registeredModel, this.plotTopCards);
		}

	}

	/**
	 * {@code train.grid.*}.
	 */
	record Grid(List<FairPriceType> types, List<Integer> windows, List<Trend> trends, List<Double> strengths) {

		Grid {
			if (types.isEmpty() || windows.isEmpty() || trends.isEmpty()) {
				throw new IllegalArgumentException("'types', 'windows' and 'trends' must not be empty");
			}
			for (Integer window : windows) {
				atLeast("windows", window, 1);
			}
			for (Double strength : strengths) {
				if (!(strength > 0 && Double.isFinite(strength))) {
					throw new IllegalArgumentException("'strengths' must be positive numbers, got " + strength);
				}
			}
		}

	}

	private static void atLeast(String key, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException("'" + key + "' must be at least " + minimum + ", got " + value);
		}
	}

	private static void notBlank(String key, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("'" + key + "' must not be blank");
		}
	}

}
