/**
 * Tests of the watchlists.
 */
package dev.pokewatch.serving.watchlist;
