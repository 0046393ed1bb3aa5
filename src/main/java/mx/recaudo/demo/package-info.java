/** Demo data: a realistic synthetic Mexican portfolio written as a canonical import CSV ({@link mx.recaudo.demo.GeneratePortfolio}). */
package mx.recaudo.demo;
