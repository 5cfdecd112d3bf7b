/**
 * The Redis online feature store, read side: a card's latest prediction answered from the
 * hashes training writes on promotion, so a replica without model files can answer.
 */
package dev.pokewatch.serving.onlinefeatures;
