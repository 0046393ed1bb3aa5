package mx.recaudo.arrangement;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentSealTests {
    static final Instant NOW = Instant.parse("2025-06-10T17:00:00Z");

    static byte[] letter() {
        var breakdown = new AgreementLetter.Breakdown(new BigDecimal("10000.00"), new BigDecimal("1200.00"),
                new BigDecimal("300.00"), new BigDecimal("150.00"), new BigDecimal("1500.00"));
        return AgreementLetter.agreement(new AgreementLetter.Letter("Financiera Demo del Centro", "FDC010101AAA",
                "Ana Ruiz", "C-1", "MXN", breakdown, false, new BigDecimal("2000.00"),
                List.of(new AgreementLetter.Installment(1, LocalDate.of(2025, 7, 10), new BigDecimal("4075.00")),
                        new AgreementLetter.Installment(2, LocalDate.of(2025, 8, 10), new BigDecimal("4075.00"))),
                "646180000000000019", "00000000018", LocalDate.of(2025, 6, 10)));
    }

    @Test
    void theAgreementLetterCarriesTheMx04Breakdown() throws Exception {
        try (var pdf = Loader.loadPDF(letter())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Carta convenio").contains("Capital").contains("Intereses ordinarios")
                    .contains("Intereses moratorios").contains("Otros cargos").contains("11,650.00")
                    .contains("10,150.00").contains("646180000000000019");
        }
    }

    @Test
    void aSealedLetterVerifiesAndChangingOneByteBreaksTheSeal() {
        DocumentSeal seal = DocumentSeal.selfSigned("Financiera Demo del Centro", NOW);
        byte[] sealed = seal.seal(letter(), "Carta convenio sellada por el acreedor", NOW);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).contains("/ETSI.CADES.detached");
        assertThat(DocumentSeal.verify(sealed)).isTrue();

        // One byte changed anywhere the seal covers (the original letter, or the update that added the seal) breaks it.
        for (int at : new int[]{200, sealed.length / 20, sealed.length - 300}) {
            byte[] tampered = sealed.clone();
            tampered[at] = (byte) (tampered[at] ^ 0x01);
            assertThat(DocumentSeal.verify(tampered)).as("byte %d changed", at).isFalse();
        }
        assertThat(DocumentSeal.verify(letter())).isFalse();
    }

    @Test
    void theSettlementLetterSaysNothingIsOwed() throws Exception {
        byte[] pdf = AgreementLetter.settlement("Financiera Demo del Centro", "Ana Ruiz", "C-1", "MXN", LocalDate.of(2025, 9, 1));
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Carta finiquito").contains("no tiene adeudo");
        }
    }
}
