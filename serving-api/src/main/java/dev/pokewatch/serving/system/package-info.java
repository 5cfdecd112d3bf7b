/**
 * Cross-cutting web concerns: configuration, request ids, headers, size limits, CORS,
 * problem+json errors, metrics and OpenAPI.
 */
package dev.pokewatch.serving.system;
