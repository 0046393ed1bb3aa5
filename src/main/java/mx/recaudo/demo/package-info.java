/** The demo: an organization with its users and a synthetic Mexican portfolio, loaded by {@code recaudo demo}. */
package mx.recaudo.demo;
