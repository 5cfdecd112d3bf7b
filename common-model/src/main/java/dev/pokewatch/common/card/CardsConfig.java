package dev.pokewatch.common.card;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@code config/cards.yaml} says is tracked.
 *
 * @param sets the tracked sets, in file order
 * @since 0.1.0
 */
public record CardsConfig(List<TrackedSet> sets) {

	public CardsConfig {
		sets = List.copyOf(sets);
	}

	/**
	 * Finds a tracked set by its safe name.
	 * @param safeSetName the name as in data file names
	 * @return the set, if tracked
	 */
	public Optional<TrackedSet> bySafeName(String safeSetName) {
		return this.sets.stream().filter((s) -> s.set().safeName().equals(safeSetName)).findFirst();
	}

}
