package dev.pokewatch.collector.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.exit.ExitCodes;

/**
 * A job that runs a command line as a subprocess ({@code bin/pokewatch drift}): its
 * output goes to the log line by line, its last lines again with the failure when it
 * exits non-zero, and a run past the timeout is stopped. Exit {@value ExitCodes#REFUSED}
 * (training's "the quality gate refused the candidate") is a {@link JobOutcome#REFUSED}
 * run, not a failure.
 */
public class CommandJob implements JobWork {

	private static final Logger logger = LoggerFactory.getLogger(CommandJob.class);

	private static final int TAIL_LINES = 20;

	private final JobName name;

	private final List<String> command;

	private final Path workingDirectory;

	private final Duration timeout;

	public CommandJob(JobName name, List<String> command, Path workingDirectory, Duration timeout) {
		this.name = name;
		this.command = List.copyOf(command);
		this.workingDirectory = workingDirectory;
		this.timeout = timeout;
	}

	@Override
	public JobResult run() {
		Process process;
		try {
			process = new ProcessBuilder(this.command).directory(this.workingDirectory.toFile())
				.redirectErrorStream(true)
				.start();
			// nothing to read: a command asking for input sees its end at once
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			logger.error("job {}: cannot start {}: {}", this.name.id(), this.command, ex.getMessage());
			return new JobResult(JobOutcome.FAILURE, "cannot start " + String.join(" ", this.command));
		}
		Deque<String> tail = new ArrayDeque<>();
		Thread reader = Thread.ofVirtual()
			.name("job-" + this.name.id() + "-output")
			.start(() -> copyToLog(process, tail));
		try {
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
				reader.join(Duration.ofSeconds(5));
				logger.error("job {}: stopped after the timeout of {}; last lines:\n{}", this.name.id(), this.timeout,
						lines(tail));
				return new JobResult(JobOutcome.FAILURE, "timed out after " + this.timeout);
			}
			reader.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return new JobResult(JobOutcome.FAILURE, "interrupted");
		}
		int exit = process.exitValue();
		if (exit == ExitCodes.REFUSED) {
			logger.warn("job {}: {} exited {}: the quality gate refused the candidate; last lines:\n{}", this.name.id(),
					String.join(" ", this.command), exit, lines(tail));
			return new JobResult(JobOutcome.REFUSED, "exit " + exit + ": the quality gate refused the candidate");
		}
		if (exit != 0) {
			logger.error("job {}: {} exited {}; last lines:\n{}", this.name.id(), String.join(" ", this.command), exit,
					lines(tail));
			return new JobResult(JobOutcome.FAILURE, "exit " + exit);
		}
		return new JobResult(JobOutcome.SUCCESS, "exit 0");
	}

	private void copyToLog(Process process, Deque<String> tail) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				logger.info("[{}] {}", this.name.id(), line);
				synchronized (tail) {
					tail.addLast(line);
					if (tail.size() > TAIL_LINES) {
						tail.removeFirst();
					}
				}
			}
		}
		catch (IOException ex) {
			// the process went away; its exit code tells the rest
		}
	}

	private static String lines(Deque<String> tail) {
		synchronized (tail) {
			return tail.isEmpty() ? "  (no output)" : "  " + String.join("\n  ", tail);
		}
	}

}
