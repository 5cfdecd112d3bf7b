/**
 * Fair price and BUY/SELL/HOLD signal for one card or a batch of cards.
 */
package dev.pokewatch.serving.prediction;
