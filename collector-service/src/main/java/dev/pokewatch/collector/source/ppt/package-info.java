/**
 * Pokémon Price Tracker API v2 source (needs {@code POKEMON_PRICE_API_KEY}).
 */
package dev.pokewatch.collector.source.ppt;
