/**
 * The list of cards the served model knows.
 */
package dev.pokewatch.serving.cards;
