/**
 * The {@code preprocess} command: raw price files to one processed file per set.
 */
package dev.pokewatch.training.preprocess;
