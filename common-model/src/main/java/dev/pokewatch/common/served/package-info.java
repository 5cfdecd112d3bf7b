/**
 * The model directory contract ({@code models/baseline/}) between training and serving:
 * its metadata, the codec of its served features file
 * ({@link dev.pokewatch.common.served.ServedFeaturesCodec}) and the model-update message.
 */
package dev.pokewatch.common.served;
