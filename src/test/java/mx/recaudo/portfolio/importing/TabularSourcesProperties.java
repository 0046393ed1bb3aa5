package mx.recaudo.portfolio.importing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes are uploaded, opening them and reading every row either works or fails with
 * {@link UnusableFileException} — never another exception.
 */
class TabularSourcesProperties {

    private static final List<String> NAMES = List.of("cartera.csv", "cartera.xlsx", "facturas.zip", "factura.xml",
            "datos.txt", "");

    private static final byte[][] VALID_FILES = {
            "customer_id;customer_name;balance\n1;\"Núñez; Ana\";10,5\n2;\"multi\nline\";3\n"
                    .getBytes(StandardCharsets.UTF_8),
            "id,nombre\r\n1,Peña\r\n".getBytes(StandardCharsets.ISO_8859_1),
            TabularSourcesTests.smallWorkbook(),
            sampleZip(),
            CfdiSourceTests.resource("ppd-usd.xml"),
    };

    private static byte[] sampleZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.xml", CfdiSourceTests.resource("pue-mxn.xml"));
        entries.put("b.xml", CfdiSourceTests.resource("nota-credito-e.xml"));
        return CfdiSourceTests.zip(entries);
    }

    @Property
    void randomBytesAreReadOrRefused(@ForAll @Size(max = 4096) byte[] bytes, @ForAll("names") String name)
            throws IOException {
        readAllOrRefuse(name, bytes);
    }

    @Property
    void randomBytesAfterAKnownSignatureAreReadOrRefused(@ForAll("signatures") byte[] signature,
                                                        @ForAll @Size(max = 2048) byte[] rest,
                                                        @ForAll("names") String name) throws IOException {
        byte[] bytes = Arrays.copyOf(signature, signature.length + rest.length);
        System.arraycopy(rest, 0, bytes, signature.length, rest.length);
        readAllOrRefuse(name, bytes);
    }

    @Property(tries = 500)
    void damagedValidFilesAreReadOrRefused(@ForAll("damagedFiles") byte[] bytes, @ForAll("names") String name)
            throws IOException {
        readAllOrRefuse(name, bytes);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<byte[]> signatures() {
        return Arbitraries.of(
                new byte[]{'P', 'K', 3, 4},
                new byte[]{'P', 'K', 5, 6},
                "<?xml version=\"1.0\"?>".getBytes(StandardCharsets.US_ASCII),
                "<cfdi:Comprobante xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\" Version=\"4.0\"".getBytes(StandardCharsets.US_ASCII),
                new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xFE, (byte) 0xFF},
                "%PDF-".getBytes(StandardCharsets.US_ASCII),
                "sep=".getBytes(StandardCharsets.US_ASCII),
                "id,\"".getBytes(StandardCharsets.US_ASCII));
    }

    /** A valid CSV, xlsx, CFDI zip or CFDI XML with a few bytes overwritten and maybe cut short. */
    @Provide
    Arbitrary<byte[]> damagedFiles() {
        return Arbitraries.of(VALID_FILES).flatMap(valid -> Combinators.combine(
                Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6),
                Arbitraries.integers().between(1, valid.length)
        ).as((positions, values, length) -> {
            byte[] damaged = Arrays.copyOf(valid, length);
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) < damaged.length) damaged[positions.get(i)] = values.get(i);
            }
            return damaged;
        }));
    }

    private static void readAllOrRefuse(String name, byte[] bytes) throws IOException {
        try (TabularSource source = TabularSources.open(name, new ByteArrayInputStream(bytes))) {
            assertThat(source.header()).doesNotContainNull();
            for (SourceRow row; (row = source.next()) != null; ) {
                assertThat(row.values()).doesNotContainNull();
                assertThat(row.line()).isGreaterThanOrEqualTo(1);
            }
            if (source instanceof CfdiSource cfdi) assertThat(cfdi.documentIssues()).doesNotContainNull();
        } catch (UnusableFileException refused) {
            assertThat(refused.reasonEs()).isNotBlank();
            assertThat(refused.reasonEn()).isNotBlank();
        }
    }
}
