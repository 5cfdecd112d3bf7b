/**
 * Price records as collected.
 */
package dev.pokewatch.common.price;
