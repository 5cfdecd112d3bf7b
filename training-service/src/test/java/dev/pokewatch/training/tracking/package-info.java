/**
 * Tests for experiment tracking and the model registry, against a real
 * {@code mlflow server} ({@link dev.pokewatch.training.tracking.MlflowTestServer}).
 */
package dev.pokewatch.training.tracking;
