package mx.recaudo.payment.web;

import mx.recaudo.payment.Problem;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** The API's error shape for the payment endpoints: {@code {"error", "problems": [{"field", "messageEs", "messageEn"}]}}. */
@RestControllerAdvice(assignableTypes = {PaymentApi.class, BankStatementApi.class, PaymentLinkApi.class})
class ApiErrors {
    @ExceptionHandler(Problem.Rejected.class)
    ResponseEntity<Map<String, Object>> rejected(Problem.Rejected e) {
        return ResponseEntity.status(e.status()).body(body(e.code(), e.problems()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(body("invalid_request", List.of(new Problem(null,
                "El cuerpo no es un JSON válido para esta operación", "The body is not valid JSON for this operation"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e) {
        return ResponseEntity.badRequest().body(body("invalid_request", List.of(new Problem(e.getHeaderName(),
                "Falta el encabezado " + e.getHeaderName(), "The " + e.getHeaderName() + " header is missing"))));
    }

    static Map<String, Object> body(String code, List<Problem> problems) {
        return Map.of("error", code, "problems", problems);
    }
}
