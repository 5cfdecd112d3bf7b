/**
 * The latest BUY or SELL signals across all cards, ranked by strength.
 */
package dev.pokewatch.serving.signals;
