/**
 * Per-key token-bucket rate limiting for the serving API (Bucket4j), in memory or shared
 * through Redis with automatic fallback to local buckets when Redis fails.
 */
package dev.pokewatch.serving.ratelimit;
