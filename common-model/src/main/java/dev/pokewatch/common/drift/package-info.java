/**
 * The drift report ({@code reports/drift.json}) as its readers see it.
 */
package dev.pokewatch.common.drift;
