package dev.pokewatch.collector.collect;

/**
 * What a run did for one card.
 *
 * @param cardId the card
 * @param setName its set
 * @param outcome collected, failed or skipped
 * @param days days written for the card
 * @param detail the days written, or why it failed or was skipped
 */
public record CardOutcome(String cardId, String setName, Outcome outcome, int days, String detail) {

	/**
	 * The outcome of one card, also the {@code outcome} tag of the cards counter.
	 */
	public enum Outcome {

		/** At least one day was written and nothing failed. */
		COLLECTED,

		/** The provider or the file write failed for it. */
		FAILED,

		/** Nothing to collect (not listed, no data in the window). */
		SKIPPED;

		/**
		 * The metric tag value.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
