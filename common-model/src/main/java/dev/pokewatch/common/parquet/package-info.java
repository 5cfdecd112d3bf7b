/**
 * Parquet file formats of PokeWatch and their atomic, cluster-free I/O.
 */
package dev.pokewatch.common.parquet;
