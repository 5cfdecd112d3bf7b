/**
 * The {@code train} command: walk-forward model selection, the candidate model directory,
 * reports, plots and experiment tracking.
 */
package dev.pokewatch.training.train;
