/**
 * Price records as collected.
 */
package dev.pokewatch.model.price;
