/**
 * API-key authentication for the serving API: key store (SHA-256 hashes compared in
 * constant time), route classification, throttling of failed attempts per client address
 * and the servlet filter that enforces them.
 */
package dev.pokewatch.serving.security;
