/**
 * Tests of the card list.
 */
package dev.pokewatch.serving.cards;
