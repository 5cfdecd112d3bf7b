/**
 * How enum constants are spelled in params.yaml, metadata and metric names.
 */
package dev.pokewatch.common.naming;
