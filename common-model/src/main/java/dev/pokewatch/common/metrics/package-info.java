/**
 * Out-of-sample backtest metrics of fair-price models and their signals.
 */
package dev.pokewatch.common.metrics;
