/** Segmentation: ordered, versioned rules (first match wins) that put each customer in a segment with a tone and a queue priority. */
package mx.recaudo.segmentation;
