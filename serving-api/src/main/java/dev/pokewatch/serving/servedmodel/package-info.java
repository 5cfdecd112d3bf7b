/**
 * The served model: an immutable in-memory index of the model directory, swapped
 * atomically on reload (by request, file change or Redis message).
 */
package dev.pokewatch.serving.servedmodel;
