/**
 * PokeWatch training service.
 */
package dev.pokewatch.training;
