/**
 * Tests of health, model absence and reloads over MockMvc.
 */
package dev.pokewatch.serving.health;
