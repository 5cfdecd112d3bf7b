/**
 * Tests of the prediction endpoints and their errors.
 */
package dev.pokewatch.serving.prediction;
