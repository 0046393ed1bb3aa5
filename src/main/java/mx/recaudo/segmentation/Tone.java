package mx.recaudo.segmentation;

/** How templates and scripts speak to a segment. */
public enum Tone {
    FRIENDLY, FIRM, SOLUTION_FOCUSED
}
