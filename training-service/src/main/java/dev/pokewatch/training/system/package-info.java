/**
 * The one-shot command line ({@code preprocess}, {@code train}, {@code validate}), its
 * exit codes, and file helpers shared by the commands.
 */
package dev.pokewatch.training.system;
