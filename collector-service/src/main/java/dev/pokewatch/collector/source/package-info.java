/**
 * The price source abstraction: what a provider returns for a tracked set over a window
 * of days, independent of how it is fetched.
 */
package dev.pokewatch.collector.source;
