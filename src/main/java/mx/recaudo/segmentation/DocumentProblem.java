package mx.recaudo.segmentation;

/** One thing wrong with a configuration document: where (JSON path such as {@code $.segments[2].tone}) and why. */
public record DocumentProblem(String path, String messageEs, String messageEn) {
}
