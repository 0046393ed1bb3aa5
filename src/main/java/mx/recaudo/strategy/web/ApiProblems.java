package mx.recaudo.strategy.web;

import mx.recaudo.segmentation.DocumentProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** The API's error body: {@code {"error", "problems": [{"field", "messageEs", "messageEn"}]}}. */
record ApiProblems(String error, List<Problem> problems) {
    record Problem(String field, String messageEs, String messageEn) {}

    static ResponseEntity<ApiProblems> invalid(List<DocumentProblem> problems) {
        return ResponseEntity.badRequest().body(new ApiProblems("invalid_document",
                problems.stream().map(p -> new Problem(p.path(), p.messageEs(), p.messageEn())).toList()));
    }

    static ResponseEntity<ApiProblems> invalid(List<Problem> problems, String error) {
        return ResponseEntity.badRequest().body(new ApiProblems(error, problems));
    }

    static ResponseEntity<ApiProblems> of(HttpStatus status, String error, String field, String es, String en) {
        return ResponseEntity.status(status).body(new ApiProblems(error, List.of(new Problem(field, es, en))));
    }
}
