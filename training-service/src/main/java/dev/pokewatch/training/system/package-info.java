/**
 * What the three commands share: launch settings (log destination, Redis URL), exit
 * codes, console formatting for people, and model file helpers.
 */
package dev.pokewatch.training.system;
