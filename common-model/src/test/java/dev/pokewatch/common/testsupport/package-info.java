/**
 * Test support shared by every module through common-model's test jar.
 */
package dev.pokewatch.common.testsupport;
