/**
 * Configuration of the collector: typed properties and the beans wiring sources, service
 * and run modes.
 */
package dev.pokewatch.collector.system;
