/**
 * Liveness and model status for probes and the older API's clients.
 */
package dev.pokewatch.serving.health;
