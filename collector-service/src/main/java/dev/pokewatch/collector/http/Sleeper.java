package dev.pokewatch.collector.http;

import java.time.Duration;

/**
 * Waits for a while: how the client-side {@link Throttle} spaces requests. Injected so
 * that tests can record the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Waits for the given time.
	 * @param duration how long
	 * @throws InterruptedException if interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

	/**
	 * The real thing.
	 * @return a sleeper using {@link Thread#sleep(Duration)}
	 */
	static Sleeper system() {
		return Thread::sleep;
	}

}
