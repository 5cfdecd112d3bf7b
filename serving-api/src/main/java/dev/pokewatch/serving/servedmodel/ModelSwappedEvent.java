package dev.pokewatch.serving.servedmodel;

/**
 * Published after a (re)load swapped a new model in, so features that compare models
 * (watchlist alerts) learn of a promotion without polling. Listeners run on the reloading
 * thread: whatever takes time belongs on their own executor.
 *
 * @param previous the model served before, or {@code null} on the first load
 * @param current the model served now
 * @param trigger what asked for the reload ({@code startup}, {@code admin}, {@code file},
 * {@code redis})
 */
public record ModelSwappedEvent(ModelIndex previous, ModelIndex current, String trigger) {

	public ModelSwappedEvent {
		if (current == null) {
			throw new IllegalArgumentException("'current' must not be null");
		}
	}

}
