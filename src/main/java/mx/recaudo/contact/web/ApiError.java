package mx.recaudo.contact.web;

import java.util.List;

/** The API's error body: a code and every problem, in Spanish and English. */
record ApiError(String error, List<FieldProblem> problems) {
    record FieldProblem(String field, String messageEs, String messageEn) {}

    static ApiError of(String error, String field, String es, String en) {
        return new ApiError(error, List.of(new FieldProblem(field, es, en)));
    }
}
