/**
 * The exit codes of the command lines, shared by the commands and the scheduler that runs
 * them.
 */
package dev.pokewatch.common.exit;
