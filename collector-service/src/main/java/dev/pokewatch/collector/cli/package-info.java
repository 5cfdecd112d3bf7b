/**
 * The command line, parsed by picocli: {@code collect [options]} runs once and prints a
 * short summary, {@code serve} runs the daily schedule.
 */
package dev.pokewatch.collector.cli;
