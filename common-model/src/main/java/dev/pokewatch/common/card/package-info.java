/**
 * Which sets and cards are tracked: {@code config/cards.yaml} and its records.
 */
package dev.pokewatch.common.card;
