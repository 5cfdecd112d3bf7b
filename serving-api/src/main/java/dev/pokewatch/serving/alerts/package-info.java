/**
 * Price alerts: when a promotion changes the signal of a watched card, a signed webhook
 * is sent, retried with backoff and logged.
 */
package dev.pokewatch.serving.alerts;
