/**
 * Names the services publish their meters under, owned once so that dashboards, alert
 * rules and every service agree on them.
 */
package dev.pokewatch.common.telemetry;
