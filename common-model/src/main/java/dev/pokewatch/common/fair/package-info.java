/**
 * Fair-price models: trailing statistics of previous calendar days' prices.
 */
package dev.pokewatch.common.fair;
