/**
 * PokeWatch collector service.
 */
package dev.pokewatch.collector;
