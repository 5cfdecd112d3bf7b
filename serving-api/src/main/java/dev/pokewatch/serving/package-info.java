/**
 * PokeWatch serving service.
 */
package dev.pokewatch.serving;
