/**
 * Parquet I/O shared by the file codecs: atomic, cluster-free writes
 * ({@link dev.pokewatch.common.parquet.ParquetFiles}), the one column reader
 * ({@link dev.pokewatch.common.parquet.ColumnReading}), and the codec of the raw price
 * files ({@link dev.pokewatch.common.parquet.RawPricesCodec}).
 */
package dev.pokewatch.common.parquet;
