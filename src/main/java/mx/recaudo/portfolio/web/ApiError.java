package mx.recaudo.portfolio.web;

import java.util.List;

/** The error body of the REST API: a code and every problem, each in Spanish and English. */
record ApiError(String error, List<FieldProblem> problems) {
    record FieldProblem(String field, String messageEs, String messageEn) {}

    static ApiError of(String error, String field, String es, String en) {
        return new ApiError(error, List.of(new FieldProblem(field, es, en)));
    }
}
