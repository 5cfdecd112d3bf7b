/**
 * The {@code drift} command: whether the market and the served model still behave as when
 * the model was chosen (PSI of returns and of the deviation from fair price per category,
 * the live error and the live hit rate of the signals), written to
 * {@code reports/drift.json}.
 */
package dev.pokewatch.training.drift;
