package mx.recaudo.contact.letter;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LetterDocumentTests {
    static final LetterDocument.Letterhead HEAD = new LetterDocument.Letterhead("Financiera Demo del Centro",
            "Financiera Demo del Centro, S.A. de C.V., SOFOM, E.R.", "FDC150101AB1",
            "Av. Chapultepec 480, Col. Americana, 44160 Guadalajara, Jal.", "Guadalajara, Jalisco", "33 3123 4567",
            "cobranza@financierademo.mx", "www.financierademo.mx", "Laura Méndez Ortiz", "Gerente de Cobranza",
            "BBVA México", "012180001234567897", "UNE: Av. Chapultepec 480, une@financierademo.mx, 33 3123 4500");

    static LetterDocument.Letter letter(long id, String name, String postalCode, boolean condusef) {
        return new LetterDocument.Letter(id, HEAD, new LetterDocument.Addressee(name, "C-" + id, "Calle Hidalgo " + id + ", Col. Centro",
                "Jalisco", postalCode), LocalDate.of(2026, 11, 23), "Recordatorio de pago",
                "Estimado(a) " + name + ":\n\nLe recordamos que su crédito C-" + id + " tiene un saldo pendiente de $1,250.50 al 23/11/2026."
                + "\n\nPuede pagar en una sola exhibición o pedirnos un plan de pagos. Estamos para ayudarle.",
                "FDC0000000" + id + "7", null, condusef);
    }

    @Test
    void aBatchHasEveryLetterOnItsOwnPagesWithLetterheadAddresseePaymentDataAndFooter() throws Exception {
        List<LetterDocument.Letter> letters = new ArrayList<>(List.of(letter(3, "Zoila Pérez", "44100", true),
                letter(1, "Ana Ruiz", "06600", true), letter(2, "Beto Soto", null, true)));
        letters.sort(LetterDocument.POSTAL_ORDER);
        assertThat(letters).extracting(LetterDocument.Letter::messageId).containsExactly(1L, 3L, 2L);
        byte[] pdf = LetterDocument.pdf(letters);
        Path out = Path.of("target", "letters");
        Files.createDirectories(out);
        Files.write(out.resolve("batch-sample.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(3);
            PDFTextStripper text = new PDFTextStripper();
            text.setStartPage(1);
            text.setEndPage(1);
            String first = text.getText(doc);
            assertThat(first).contains("Financiera Demo del Centro").contains("RFC FDC150101AB1")
                    .contains("Guadalajara, Jalisco, a 23 de noviembre de 2026").contains("ANA RUIZ").contains("C.P. 06600")
                    .contains("FDC000000017").contains("012180001234567897").contains("Laura Méndez Ortiz")
                    .contains("CONDUSEF").contains("REDECO").contains("únicamente a las cuentas");
            text.setStartPage(2);
            text.setEndPage(2);
            assertThat(text.getText(doc)).contains("ZOILA PÉREZ").doesNotContain("ANA RUIZ");
        }
    }

    @Test
    void theCondusefDataIsOnlyPrintedWhereTheProfileNeedsIt() throws Exception {
        try (PDDocument doc = Loader.loadPDF(LetterDocument.pdf(List.of(letter(1, "Ana Ruiz", "06600", false))))) {
            assertThat(new PDFTextStripper().getText(doc)).doesNotContain("CONDUSEF").contains("Aclaraciones y quejas");
        }
    }

    @Test
    void theLogoMarkTakesTheInitialsOfTheName() {
        assertThat(LetterDocument.initials("Financiera Demo del Centro")).isEqualTo("FD");
        assertThat(LetterDocument.initials("acme")).isEqualTo("A");
    }
}
