package dev.pokewatch.collector.collect;

import java.io.PrintStream;
import java.lang.reflect.Method;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a run, one step per set: a progress bar on a terminal, plain log lines
 * otherwise (redirected output, {@code CI=true}).
 */
public interface Progress extends AutoCloseable {

	/**
	 * One more step done.
	 * @param label what was done
	 */
	void step(String label);

	@Override
	void close();

	/**
	 * Starts progress reporting.
	 */
	@FunctionalInterface
	interface Factory {

		/**
		 * Starts reporting a task.
		 * @param task the task name
		 * @param total the number of steps
		 * @return the progress
		 */
		Progress start(String task, int total);

		/**
		 * A bar on an interactive terminal, else log lines.
		 * @param out where the bar is drawn
		 * @return the factory
		 */
		static Factory console(PrintStream out) {
			return isInteractive() ? (task, total) -> new Bar(task, total, out) : Log::new;
		}

		/**
		 * Log lines only.
		 * @return the factory
		 */
		static Factory log() {
			return Log::new;
		}

		private static boolean isInteractive() {
			if ("true".equalsIgnoreCase(System.getenv("CI")) || System.console() == null) {
				return false;
			}
			try {
				// Console.isTerminal() exists from JDK 22; on 21 a non-null console is a
				// terminal
				Method isTerminal = java.io.Console.class.getMethod("isTerminal");
				return (Boolean) isTerminal.invoke(System.console());
			}
			catch (ReflectiveOperationException ex) {
				return true;
			}
		}

	}

	/**
	 * A progress bar.
	 */
	final class Bar implements Progress {

		private final ProgressBar bar;

		Bar(String task, int total, PrintStream out) {
			this.bar = new ProgressBarBuilder().setTaskName(task)
				.setInitialMax(total)
				.setStyle(ProgressBarStyle.ASCII)
				.setConsumer(new ConsoleProgressBarConsumer(out))
				.setUnit(" sets", 1)
				.build();
		}

		@Override
		public void step(String label) {
			this.bar.setExtraMessage(label);
			this.bar.step();
		}

		@Override
		public void close() {
			this.bar.close();
		}

	}

	/**
	 * Log lines, one per step.
	 */
	final class Log implements Progress {

		private static final Logger logger = LoggerFactory.getLogger(Progress.class);

		private final String task;

		private final int total;

		private int done;

		Log(String task, int total) {
			this.task = task;
			this.total = total;
		}

		@Override
		public void step(String label) {
			this.done++;
			logger.info("{}: {}/{} sets, {}", this.task, this.done, this.total, label);
		}

		@Override
		public void close() {
		}

	}

}
