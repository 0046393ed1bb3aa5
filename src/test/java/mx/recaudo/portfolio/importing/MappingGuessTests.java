package mx.recaudo.portfolio.importing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MappingGuessTests {
    @Test
    void commonSpanishHeadersAreRecognized() {
        var guess = MappingGuess.guess(List.of("No. Cliente", "Nombre", "Teléfono", "Folio", "Moneda", "Saldo",
                "Fecha de vencimiento", "Notas"));
        assertThat(guess).containsEntry("customer_id", "No. Cliente").containsEntry("customer_name", "Nombre")
                .containsEntry("phone", "Teléfono").containsEntry("obligation_id", "Folio")
                .containsEntry("currency", "Moneda").containsEntry("balance", "Saldo")
                .containsEntry("due_date", "Fecha de vencimiento").containsEntry("email", "");
    }

    @Test
    void aGuessedMappingOfAFullSpanishHeaderResolvesEveryRequiredColumn() {
        List<String> header = List.of("Cuenta", "Razón social", "RFC", "Documento", "Divisa", "Saldo insoluto", "Vence");
        var resolved = ColumnResolver.resolve(header, MappingGuess.guess(header));
        assertThat(resolved.get(CanonicalColumn.CUSTOMER_ID)).isZero();
        assertThat(resolved.get(CanonicalColumn.DUE_DATE)).isEqualTo(6);
    }
}
