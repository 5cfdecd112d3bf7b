/**
 * Tests of the drift gauges.
 */
package dev.pokewatch.serving.drift;
