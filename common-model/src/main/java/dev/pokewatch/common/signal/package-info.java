/**
 * BUY / SELL / HOLD signals and the rule that derives them from a fair price.
 */
package dev.pokewatch.common.signal;
