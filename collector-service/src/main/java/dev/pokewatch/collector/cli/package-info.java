/**
 * The one-shot command line: {@code collect [--date] [--days] [--source] [--cards]
 * [--output-dir]}.
 */
package dev.pokewatch.collector.cli;
