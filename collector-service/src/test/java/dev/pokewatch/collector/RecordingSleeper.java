package dev.pokewatch.collector;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pokewatch.collector.http.Sleeper;

/**
 * A {@link Sleeper} that records the waits asked for and returns at once.
 */
public final class RecordingSleeper implements Sleeper {

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	@Override
	public void sleep(Duration duration) {
		this.sleeps.add(duration);
	}

	/**
	 * The waits asked for.
	 * @return the durations in order
	 */
	public List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

}
