package dev.pokewatch.collector.source;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The UTC days a run collects: {@code days} days ending at {@code end}, inclusive.
 *
 * @param end the last day
 * @param days how many days, at least 1
 */
public record DayWindow(LocalDate end, int days) {

	public DayWindow {
		Objects.requireNonNull(end, "'end' must not be null");
		if (days < 1) {
			throw new IllegalArgumentException("'days' must be at least 1");
		}
	}

	/**
	 * The first day.
	 * @return {@code end - days + 1}
	 */
	public LocalDate start() {
		return this.end.minusDays(this.days - 1L);
	}

	/**
	 * Whether a day is in the window.
	 * @param date the day
	 * @return true if {@code start <= date <= end}
	 */
	public boolean contains(LocalDate date) {
		return !date.isBefore(start()) && !date.isAfter(this.end);
	}

	/**
	 * Every day of the window.
	 * @return the days in ascending order
	 */
	public List<LocalDate> dates() {
		return start().datesUntil(this.end.plusDays(1)).toList();
	}

	@Override
	public String toString() {
		return (this.days == 1) ? this.end.toString() : start() + ".." + this.end + " (" + this.days + " days)";
	}

}
