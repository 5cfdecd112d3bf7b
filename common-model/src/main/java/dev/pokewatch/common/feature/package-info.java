/**
 * Preprocessing of raw prices: de-duplication, outlier flags, the processed file format
 * and dense calendar-day series the fair-price models run on.
 */
package dev.pokewatch.common.feature;
