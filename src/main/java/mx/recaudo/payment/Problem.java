package mx.recaudo.payment;

import java.util.List;

/** One thing wrong with a request, in Spanish and English (the API's error shape). */
public record Problem(String field, String messageEs, String messageEn) {

    /** A request refused for the given problems (the API answers 400, or {@code status} when set). */
    public static class Rejected extends RuntimeException {
        private final String code;
        private final int status;
        private final List<Problem> problems;

        public Rejected(String code, int status, List<Problem> problems) {
            super(code + ": " + problems);
            this.code = code;
            this.status = status;
            this.problems = List.copyOf(problems);
        }

        public Rejected(List<Problem> problems) {
            this("invalid_request", 400, problems);
        }

        public String code() { return code; }

        public int status() { return status; }

        public List<Problem> problems() { return problems; }
    }
}
