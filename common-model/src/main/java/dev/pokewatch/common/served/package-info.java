/**
 * The model directory contract ({@code models/baseline/}) between training and serving.
 */
package dev.pokewatch.common.served;
