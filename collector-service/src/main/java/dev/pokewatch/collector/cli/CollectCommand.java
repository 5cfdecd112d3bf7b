package dev.pokewatch.collector.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.pokewatch.common.exit.ExitCodes;
import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.RunSummary;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.UsageException;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * The {@code collect} command: checks its options, starts the application (framework logs
 * to a file unless {@code --verbose}), runs one collection and prints a short summary.
 * Options left out take the configured defaults, that is the environment's.
 */
@Command(name = "collect", sortOptions = false, usageHelpAutoWidth = true,
		description = "Collects daily prices of the cards in cards.yaml into one Parquet file per set and day.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:something was collected",
				"1:the run failed (nothing collected, the provider refused access)",
				"2:usage or input error (an option, cards.yaml, a missing API key, a Spring property)" },
		footer = { "",
				"Without --source: COLLECTOR_SOURCE, else pokemonpricetracker when POKEMON_PRICE_API_KEY is set, "
						+ "else the bundled sample.",
				"", "Spring properties (see application.yml) can be added as --name=value, for example:",
				"  --collector.http.max-attempts=2 --logging.level.dev.pokewatch=DEBUG" })
class CollectCommand implements Callable<Integer> {

	private static final Logger logger = LoggerFactory.getLogger(CollectCommand.class);

	@Spec
	CommandSpec spec;

	@Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
			description = "Last day to collect (UTC). Default: today, or the sample's last day.")
	LocalDate date;

	@Option(names = "--days", paramLabel = "N",
			description = "Days to collect, ending at --date. Default: 1, or the sample's replay days.")
	Integer days;

	@Option(names = "--source", paramLabel = "SOURCE", converter = SourceConverter.class,
			completionCandidates = SourceCandidates.class, description = "One of: ${COMPLETION-CANDIDATES}.")
	SourceName source;

	@Option(names = "--cards", paramLabel = "FILE",
			description = "Tracked cards. Default: config/cards.yaml " + "(CARDS_CONFIG).")
	Path cards;

	@Option(names = "--output-dir", paramLabel = "DIR",
			description = "Where raw files go. Default: data/raw " + "(DATA_RAW_DIR).")
	Path outputDir;

	@Option(names = "--log-file", paramLabel = "FILE", defaultValue = "${env:COLLECTOR_LOG_FILE:-logs/collector.log}",
			description = "Where framework logs go. Default: ${DEFAULT-VALUE} (COLLECTOR_LOG_FILE).")
	Path logFile;

	@Option(names = { "-v", "--verbose" }, description = "Show the framework logs on the console too.")
	boolean verbose;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	private final ApplicationStarter starter;

	CollectCommand(ApplicationStarter starter) {
		this.starter = starter;
	}

	@Override
	public Integer call() {
		checkDays();
		try (ConfigurableApplicationContext context = this.starter.start(defaultProperties())) {
			CollectorProperties properties = context.getBean(CollectorProperties.class);
			CollectRequest request = request(properties);
			RunSummary summary = context.getBean(CollectionService.class).collect(request);
			logger.info("{}", summary.render());
			new SummaryPrinter(this.spec.commandLine().getOut(), this.spec.commandLine().getErr()).print(summary,
					request.outputDir(), this.logFile);
			return summary.exitCode();
		}
		catch (UsageException ex) {
			this.spec.commandLine().getErr().println("collect: " + ex.getMessage());
			this.spec.commandLine().getErr().flush();
			return ExitCodes.USAGE;
		}
	}

	private void checkDays() {
		if (this.days != null && this.days < 1) {
			throw new ParameterException(this.spec.commandLine(), "--days: must be at least 1, got " + this.days);
		}
	}

	private Map<String, Object> defaultProperties() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("collector.mode", "collect");
		defaults.put("spring.main.web-application-type", "none");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.put("logging.file.name", this.logFile.toString());
		if (!this.verbose) {
			// the console is for the summary; the log file keeps everything
			defaults.put("logging.threshold.console", "OFF");
		}
		return defaults;
	}

	CollectRequest request(CollectorProperties properties) {
		SourceName source = (this.source != null) ? this.source
				: SourceName.parse(properties.source(), "collector.source (COLLECTOR_SOURCE)");
		Path cards = (this.cards != null) ? this.cards : properties.cardsConfig();
		Path output = (this.outputDir != null) ? this.outputDir : properties.rawDir();
		return new CollectRequest(source, cards, output, this.date, this.days);
	}

	/**
	 * Reads {@code --date}.
	 */
	static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {

		@Override
		public LocalDate convert(String value) {
			try {
				return LocalDate.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new CommandLine.TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
			}
		}

	}

	/**
	 * Reads {@code --source}.
	 */
	static final class SourceConverter implements CommandLine.ITypeConverter<SourceName> {

		@Override
		public SourceName convert(String value) {
			try {
				return SourceName.parse(value, "--source");
			}
			catch (UsageException ex) {
				throw new CommandLine.TypeConversionException(
						"'" + value + "' is not a source; use one of " + String.join(", ", new SourceCandidates()));
			}
		}

	}

	/**
	 * The source names, for the help text.
	 */
	static final class SourceCandidates implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(SourceName.values()).map(SourceName::toString).iterator();
		}

	}

}
