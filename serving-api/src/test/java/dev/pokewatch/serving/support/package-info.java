/**
 * Test support: small real model directories and local servers.
 */
package dev.pokewatch.serving.support;
