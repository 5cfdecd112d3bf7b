/**
 * TCGCSV source: the free daily mirror of TCGplayer's price API, one request per set.
 */
package dev.pokewatch.collector.source.tcgcsv;
