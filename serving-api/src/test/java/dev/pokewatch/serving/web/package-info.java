/**
 * Tests of the web page in a real browser.
 */
package dev.pokewatch.serving.web;
