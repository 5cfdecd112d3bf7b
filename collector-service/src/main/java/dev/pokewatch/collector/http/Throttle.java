package dev.pokewatch.collector.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests evenly to stay under a provider's rate limit (60 requests per minute
 * means one request per second at most), so that 429s are the exception rather than the
 * way the rate is found.
 */
final class Throttle {

	private final Duration interval;

	private final Clock clock;

	private final Sleeper sleeper;

	private Instant next;

	Throttle(int requestsPerMinute, Clock clock, Sleeper sleeper) {
		this.interval = (requestsPerMinute > 0) ? Duration.ofMinutes(1).dividedBy(requestsPerMinute) : Duration.ZERO;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	synchronized void acquire() throws InterruptedException {
		if (this.interval.isZero()) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.next != null && now.isBefore(this.next)) {
			this.sleeper.sleep(Duration.between(now, this.next));
			now = this.next;
		}
		this.next = now.plus(this.interval);
	}

}
