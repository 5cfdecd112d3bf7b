/**
 * A collection run: choose the source, fetch every tracked set, merge the rows into the
 * per-day raw Parquet files, and summarise what was collected, failed or skipped.
 */
package dev.pokewatch.collector.collect;
