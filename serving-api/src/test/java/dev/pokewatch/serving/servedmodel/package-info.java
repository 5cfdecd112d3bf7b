/**
 * Tests of the model index, registry, watcher and Redis subscriber.
 */
package dev.pokewatch.serving.servedmodel;
