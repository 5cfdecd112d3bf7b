/**
 * Tests of configuration binding and request-id handling.
 */
package dev.pokewatch.serving.system;
