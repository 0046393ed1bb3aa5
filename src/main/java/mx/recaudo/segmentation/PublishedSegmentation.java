package mx.recaudo.segmentation;

import java.time.Instant;

/** A published, immutable segmentation version. */
public record PublishedSegmentation(int version, String document, String publishedBy, Instant publishedAt) {
}
