/**
 * The offline default source: replays real recorded TCGplayer prices bundled with the
 * collector (see {@code sample/SOURCE.md}).
 */
package dev.pokewatch.collector.source.sample;
