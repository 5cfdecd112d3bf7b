/**
 * Tests for rate limiting, local and shared through a real Redis server.
 */
package dev.pokewatch.serving.ratelimit;
