/**
 * Tests for API-key authentication.
 */
package dev.pokewatch.serving.security;
