package dev.pokewatch.collector.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Throttle}.
 */
class ThrottleTests {

	@Test
	void acquireWhenCalledBackToBackShouldSpaceRequestsByTheRate() throws InterruptedException {
		MovableClock clock = new MovableClock();
		List<Duration> waits = new ArrayList<>();
		Throttle throttle = new Throttle(60, clock, (duration) -> {
			waits.add(duration);
			clock.now = clock.now.plus(duration);
		});
		throttle.acquire();
		throttle.acquire();
		clock.now = clock.now.plusMillis(400);
		throttle.acquire();
		clock.now = clock.now.plusSeconds(5);
		throttle.acquire();
		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(600));
	}

	@Test
	void acquireWhenRateIsZeroShouldNeverWait() throws InterruptedException {
		List<Duration> waits = new ArrayList<>();
		Throttle throttle = new Throttle(0, new MovableClock(), waits::add);
		for (int i = 0; i < 5; i++) {
			throttle.acquire();
		}
		assertThat(waits).isEmpty();
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
