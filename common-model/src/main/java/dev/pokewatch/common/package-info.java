/**
 * Spring-free domain model shared by every PokeWatch service.
 */
package dev.pokewatch.common;
