package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each job's last run in a small JSON file ({@code data/scheduler-state.json}), written
 * atomically (a temporary file moved over the old one) so that a crash mid-write leaves
 * the previous state, never half of one.
 */
public class SchedulerStateFile {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerStateFile.class);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Path file;

	public SchedulerStateFile(Path file) {
		this.file = file;
	}

	/**
	 * Reads the state; a missing file is a scheduler that never ran, and an unreadable
	 * one is logged and treated the same (a lost history only costs a catch-up).
	 * @return the history of every job
	 */
	public Map<JobName, JobHistory> load() {
		Map<JobName, JobHistory> histories = new EnumMap<>(JobName.class);
		for (JobName name : JobName.values()) {
			histories.put(name, JobHistory.NEVER);
		}
		if (!Files.exists(this.file)) {
			return histories;
		}
		try {
			JsonNode jobs = this.json.readTree(Files.readString(this.file)).path("jobs");
			for (JobName name : JobName.values()) {
				JsonNode job = jobs.path(name.id());
				if (!job.isMissingNode()) {
					histories.put(name, new JobHistory(run(job.path("last_run")), instant(job.path("last_success"))));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Scheduler state {} is unreadable, starting without history: {}", this.file, ex.getMessage());
		}
		return histories;
	}

	/**
	 * Writes the state atomically.
	 * @param histories the history of every job
	 */
	public void save(Map<JobName, JobHistory> histories) {
		ObjectNode root = this.json.createObjectNode();
		ObjectNode jobs = root.putObject("jobs");
		histories.forEach((name, history) -> {
			ObjectNode job = jobs.putObject(name.id());
			if (history.lastRun() != null) {
				JobRun run = history.lastRun();
				job.putObject("last_run")
					.put("trigger", run.trigger())
					.put("start", run.start().toString())
					.put("end", run.end().toString())
					.put("outcome", run.outcome().id())
					.put("detail", run.detail());
			}
			if (history.lastSuccess() != null) {
				job.put("last_success", history.lastSuccess().toString());
			}
		});
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temporary = Files.createTempFile(parent, this.file.getFileName().toString(), ".tmp");
			Files.writeString(temporary, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
					StandardCharsets.UTF_8);
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the scheduler state " + this.file, ex);
		}
	}

	private static JobRun run(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		return new JobRun(node.path("trigger").asString(""), instant(node.path("start")), instant(node.path("end")),
				JobOutcome.valueOf(node.path("outcome").asString().toUpperCase(Locale.ROOT)),
				node.path("detail").asString(""));
	}

	private static Instant instant(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : Instant.parse(node.asString());
	}

}
