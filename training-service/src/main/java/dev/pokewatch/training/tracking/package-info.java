/**
 * Experiment tracking and model registry (MLflow over REST, or the local file store).
 */
package dev.pokewatch.training.tracking;
