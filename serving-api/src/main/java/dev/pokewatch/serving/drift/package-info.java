/**
 * The drift report's figures as gauges on the API's metrics, for the alert rules.
 */
package dev.pokewatch.serving.drift;
