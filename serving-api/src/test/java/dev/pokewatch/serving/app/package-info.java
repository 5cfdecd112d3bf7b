/**
 * Full-application tests over HTTP on a random port.
 */
package dev.pokewatch.serving.app;
