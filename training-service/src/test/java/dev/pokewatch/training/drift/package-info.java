/**
 * Tests for the drift check, on a simulated market
 * ({@link dev.pokewatch.training.drift.DriftMarket}).
 */
package dev.pokewatch.training.drift;
