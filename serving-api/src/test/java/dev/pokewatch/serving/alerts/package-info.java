/**
 * Tests of the signal-change webhooks.
 */
package dev.pokewatch.serving.alerts;
