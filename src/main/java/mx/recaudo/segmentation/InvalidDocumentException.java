package mx.recaudo.segmentation;

import java.util.List;

/** A configuration document was refused; nothing was changed. Carries every problem found. */
public class InvalidDocumentException extends RuntimeException {
    private final List<DocumentProblem> problems;

    public InvalidDocumentException(List<DocumentProblem> problems) {
        super(problems.size() + " problem(s), first: " + (problems.isEmpty() ? "" : problems.getFirst().path()
                + " " + problems.getFirst().messageEn()));
        this.problems = List.copyOf(problems);
    }

    public List<DocumentProblem> problems() {
        return problems;
    }
}
