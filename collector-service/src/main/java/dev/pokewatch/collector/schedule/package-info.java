/**
 * The long-running {@code serve} mode: one scheduler of three jobs (collect in process,
 * drift and retrain as subprocesses) under one file lock, with a retrain cooldown, a
 * catch-up of missed runs after downtime, metrics and a health contributor.
 */
package dev.pokewatch.collector.schedule;
