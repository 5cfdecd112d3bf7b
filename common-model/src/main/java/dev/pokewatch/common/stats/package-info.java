/**
 * Small numeric helpers shared by the fair-price models and preprocessing.
 */
package dev.pokewatch.common.stats;
