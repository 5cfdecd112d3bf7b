/**
 * Tests of the latest-signals endpoint.
 */
package dev.pokewatch.serving.signals;
