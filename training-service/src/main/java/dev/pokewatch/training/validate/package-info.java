/**
 * The {@code validate} command: the quality gate and the atomic promotion of the
 * candidate to the served model.
 */
package dev.pokewatch.training.validate;
