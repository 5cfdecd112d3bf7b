/**
 * The long-running {@code serve} mode: a daily scheduled collection.
 */
package dev.pokewatch.collector.schedule;
