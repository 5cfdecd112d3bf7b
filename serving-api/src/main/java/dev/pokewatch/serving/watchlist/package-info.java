/**
 * Watchlists: the cards each API key marks, kept in Redis when configured and in a local
 * file otherwise.
 */
package dev.pokewatch.serving.watchlist;
