/**
 * Preprocessing of raw prices: de-duplication, outlier flags, the codec of the processed
 * feature files ({@link dev.pokewatch.common.feature.ProcessedFeaturesCodec}) and dense
 * calendar-day series the fair-price models run on.
 */
package dev.pokewatch.common.feature;
