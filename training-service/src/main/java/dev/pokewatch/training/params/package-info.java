/**
 * {@code params.yaml}: the pipeline parameters shared by DVC and the training commands.
 */
package dev.pokewatch.training.params;
