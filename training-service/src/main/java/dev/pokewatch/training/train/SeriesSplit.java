package dev.pokewatch.training.train;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.EvaluationWindow;
import dev.pokewatch.training.params.TrainingParams;

/**
 * Each series' own walk-forward split. The sets cover different periods (16 months of one
 * source, 5 weeks of another), so one calendar would leave whole sets out of the holdout
 * or out of selection. A series' holdout is its last {@code holdout_days} days, at most
 * {@code holdout_max_share} of its span; its selection window is every earlier day, and a
 * selection signal's outcome must also come from before the holdout, so choosing a rule
 * never reads a holdout price. Series spanning fewer than {@code min_history_days} are
 * not evaluated (they are still served).
 *
 * @param selection per series (same order), its selection window, {@code null} when not
 * evaluated
 * @param holdout per series, its holdout window, {@code null} when not evaluated
 */
record SeriesSplit(List<EvaluationWindow> selection, List<EvaluationWindow> holdout) {

	SeriesSplit {
		selection = Collections.unmodifiableList(new ArrayList<>(selection));
		holdout = Collections.unmodifiableList(new ArrayList<>(holdout));
	}

	static SeriesSplit of(List<CardSeries> series, TrainingParams.Train train) {
		List<EvaluationWindow> selection = new ArrayList<>(series.size());
		List<EvaluationWindow> holdout = new ArrayList<>(series.size());
		for (CardSeries card : series) {
			double[] usable = card.usable();
			int first = 0;
			while (first < usable.length && Double.isNaN(usable[first])) {
				first++;
			}
			int last = usable.length - 1;
			while (last >= first && Double.isNaN(usable[last])) {
				last--;
			}
			int span = last - first + 1;
			if (span < train.minHistoryDays()) {
				selection.add(null);
				holdout.add(null);
				continue;
			}
			int holdoutDays = (int) Math.max(1,
					Math.min(train.holdoutDays(), Math.floor(span * train.holdoutMaxShare())));
			LocalDate holdoutStart = card.day(last - holdoutDays + 1);
			LocalDate selectionEnd = holdoutStart.minusDays(1);
			selection.add(new EvaluationWindow(card.day(first), selectionEnd, selectionEnd));
			holdout.add(EvaluationWindow.of(holdoutStart, card.day(last)));
		}
		return new SeriesSplit(selection, holdout);
	}

	/**
	 * How many series are evaluated.
	 * @return the count
	 */
	long evaluated() {
		return this.holdout.stream().filter(Objects::nonNull).count();
	}

	/**
	 * The span of the holdout windows: the earliest start to the latest end.
	 * @return the span, {@code null} when no series is evaluated
	 */
	EvaluationWindow holdoutSpan() {
		return span(this.holdout);
	}

	/**
	 * The span of the selection windows.
	 * @return the span, {@code null} when no series is evaluated
	 */
	EvaluationWindow selectionSpan() {
		return span(this.selection);
	}

	private static EvaluationWindow span(List<EvaluationWindow> windows) {
		LocalDate from = null;
		LocalDate to = null;
		for (EvaluationWindow window : windows) {
			if (window != null) {
				from = (from == null || window.from().isBefore(from)) ? window.from() : from;
				to = (to == null || window.to().isAfter(to)) ? window.to() : to;
			}
		}
		return (from != null) ? EvaluationWindow.of(from, to) : null;
	}

}
