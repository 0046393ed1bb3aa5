package mx.recaudo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PortfolioGeneratorTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    static final int CUSTOMERS = 10_000;
    static final String HEADER = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,"
        + "address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date";

    static final Set<String> ALL_STATES = Set.of("Aguascalientes", "Baja California", "Baja California Sur", "Campeche",
        "Coahuila", "Colima", "Chiapas", "Chihuahua", "Ciudad de México", "Durango", "Guanajuato", "Guerrero", "Hidalgo",
        "Jalisco", "Estado de México", "Michoacán", "Morelos", "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro",
        "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz",
        "Yucatán", "Zacatecas");

    static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    static final Pattern RFC = Pattern.compile("^[A-ZÑ&]{3,4}\\d{6}[A-Z0-9]{3}$");
    static final Pattern AMOUNT = Pattern.compile("^\\d+\\.\\d{2}$");
    static final Pattern EMAIL = Pattern.compile("^[a-z0-9._]+@[a-z0-9]+(\\.[a-z0-9]+)+$");
    static final Pattern E164_MX = Pattern.compile("^\\+52\\d{10}$");

    /** The clean sample: 10,000 customers, dirty rate 0. */
    static String cleanCsv;
    static List<List<String>> clean;

    @BeforeAll
    static void generate() {
        cleanCsv = csv(new PortfolioGenerator(42, AS_OF, 0), CUSTOMERS);
        clean = parse(cleanCsv);
    }

    static String csv(PortfolioGenerator g, int customers) {
        StringWriter w = new StringWriter();
        try {
            g.writeCsv(w, customers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Data rows (header dropped), parsed by an independent CSV reader. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) { header = false; continue; }
                rows.add(r.getFields());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static int col(String name) { return PortfolioGenerator.HEADER.indexOf(name); }

    static String get(List<String> row, String column) { return row.get(col(column)); }

    @Test
    void headerIsExactlyTheCanonicalOne() {
        assertThat(cleanCsv).startsWith(HEADER + "\n");
        assertThat(String.join(",", PortfolioGenerator.HEADER)).isEqualTo(HEADER);
    }

    @Test
    void everyLineHasNineteenColumns() {
        assertThat(clean).isNotEmpty().allSatisfy(row -> assertThat(row).hasSize(19));
        assertThat(cleanCsv.lines().count()).isEqualTo(clean.size() + 1); // no embedded line breaks
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData() {
        PortfolioGenerator g = new PortfolioGenerator(42, AS_OF, 0.01);
        String a = csv(g, 2_000);
        assertThat(csv(g, 2_000)).isEqualTo(a);
        assertThat(csv(new PortfolioGenerator(42, AS_OF, 0.01), 2_000)).isEqualTo(a);
        assertThat(csv(new PortfolioGenerator(43, AS_OF, 0.01), 2_000)).isNotEqualTo(a);
        // the first customers of a bigger file are the same
        assertThat(cleanCsv).startsWith(csv(new PortfolioGenerator(42, AS_OF, 0), 1_000));
    }

    @Test
    void rowsStreamMatchesTheCsv() {
        List<List<String>> streamed = new PortfolioGenerator(42, AS_OF, 0).rows(CUSTOMERS).toList();
        assertThat(streamed).isEqualTo(clean);
    }

    @Test
    void allThirtyTwoStatesAppear() {
        Set<String> states = clean.stream().map(r -> get(r, "state")).collect(Collectors.toSet());
        assertThat(states).isEqualTo(ALL_STATES);
        assertThat(MexicoData.STATES).hasSize(32);
        // roughly by population: Estado de México is the largest, Colima among the smallest
        Map<String, Long> customersByState = customerRows().stream()
            .collect(Collectors.groupingBy(r -> get(r, "state"), Collectors.counting()));
        assertThat(customersByState.get("Estado de México")).isGreaterThan(customersByState.get("Jalisco"));
        assertThat(customersByState.get("Ciudad de México")).isGreaterThan(5 * customersByState.get("Colima"));
    }

    @Test
    void customersHaveAboutOneAndAHalfObligationsOnConsecutiveIdenticalLines() {
        Map<String, List<List<String>>> byCustomer = new HashMap<>();
        String previous = null;
        Set<String> finished = new HashSet<>();
        for (List<String> row : clean) {
            String id = get(row, "customer_id");
            if (!id.equals(previous)) {
                assertThat(finished.add(id)).as("lines of %s are consecutive", id).isTrue();
                previous = id;
            }
            byCustomer.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
        }
        assertThat(byCustomer).hasSize(CUSTOMERS);
        double perCustomer = (double) clean.size() / CUSTOMERS;
        assertThat(perCustomer).isBetween(1.3, 1.7);
        for (List<List<String>> lines : byCustomer.values()) {
            assertThat(lines).hasSizeBetween(1, 3);
            List<String> first = lines.get(0).subList(0, 11);
            assertThat(lines).allSatisfy(l -> assertThat(l.subList(0, 11)).isEqualTo(first));
        }
        assertThat(byCustomer.keySet()).allSatisfy(id -> assertThat(id).matches("C\\d{7,}"));
        assertThat(byCustomer).containsKeys("C0000001", "C0010000");
    }

    @Test
    void daysPastDueSpreadFromMinusTenToFourHundred() {
        List<Long> dpd = clean.stream()
            .map(r -> ChronoUnit.DAYS.between(LocalDate.parse(get(r, "due_date")), AS_OF)).toList();
        assertThat(dpd.stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThanOrEqualTo(-10);
        assertThat(dpd.stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThanOrEqualTo(400);
        long negative = dpd.stream().filter(d -> d < 0).count();
        long over180 = dpd.stream().filter(d -> d > 180).count();
        long upTo60 = dpd.stream().filter(d -> d <= 60).count();
        assertThat(negative).isPositive();
        assertThat(over180).isPositive();
        assertThat(dpd.stream().filter(d -> d > 360).count()).isPositive();
        assertThat((double) upTo60 / dpd.size()).as("skewed to the first two months").isGreaterThan(0.4);
        assertThat(over180).isLessThan(upTo60);
    }

    @Test
    void datesAreConsistent() {
        LocalDate floor = LocalDate.of(2008, 1, 1);
        for (List<String> r : clean) {
            LocalDate since = LocalDate.parse(get(r, "customer_since"));
            LocalDate issue = LocalDate.parse(get(r, "issue_date"));
            LocalDate due = LocalDate.parse(get(r, "due_date"));
            assertThat(since).isBetween(floor, AS_OF.minusDays(30));
            assertThat(issue).isBefore(due);
            assertThat(since).isBeforeOrEqualTo(issue);
        }
    }

    @Test
    void usdIsBetweenTwoAndTenPercentMostlyCompanyInvoices() {
        long usd = clean.stream().filter(r -> get(r, "currency").equals("USD")).count();
        assertThat(clean).allSatisfy(r -> assertThat(get(r, "currency")).isIn("MXN", "USD"));
        assertThat((double) usd / clean.size()).isBetween(0.02, 0.10);
        long companyOrInvoice = clean.stream().filter(r -> get(r, "currency").equals("USD"))
            .filter(r -> get(r, "customer_type").equals("COMPANY") || get(r, "obligation_kind").equals("INVOICE")).count();
        assertThat((double) companyOrInvoice / usd).isGreaterThan(0.6);
    }

    @Test
    void amountsHaveTwoDecimalsAndRealisticRanges() {
        int above = 0;
        for (List<String> r : clean) {
            String original = get(r, "original_amount"), balance = get(r, "balance");
            assertThat(original).matches(AMOUNT);
            assertThat(balance).matches(AMOUNT);
            BigDecimal o = new BigDecimal(original), b = new BigDecimal(balance);
            assertThat(b.signum()).isPositive();
            if (get(r, "currency").equals("MXN")) assertThat(o).isBetween(new BigDecimal("300"), new BigDecimal("250000"));
            else assertThat(o).isBetween(new BigDecimal("100"), new BigDecimal("20000"));
            if (b.compareTo(o) > 0) {
                above++;
                assertThat(b).isLessThanOrEqualTo(o.multiply(new BigDecimal("1.10")));
            }
        }
        assertThat((double) above / clean.size()).isBetween(0.005, 0.10);
        long equal = clean.stream().filter(r -> get(r, "balance").equals(get(r, "original_amount"))).count();
        assertThat((double) equal / clean.size()).isBetween(0.3, 0.7);
    }

    @Test
    void kindsAndProductsAreTheDocumentedOnes() {
        Map<String, Set<String>> products = Map.of(
            "INVOICE", Set.of("Servicio de telefonía", "Suministro de material", "Mantenimiento"),
            "LOAN_INSTALLMENT", Set.of("Crédito personal", "Crédito PyME", "Crédito automotriz", "Nómina"),
            "CARD", Set.of("Tarjeta de crédito Clásica", "Tarjeta Oro"),
            "SERVICE", Set.of("Internet hogar", "Plan móvil"),
            "PROMISSORY_NOTE", Set.of("Pagaré"));
        Map<String, Set<String>> seen = new HashMap<>();
        for (List<String> r : clean) {
            String kind = get(r, "obligation_kind");
            assertThat(products).containsKey(kind);
            assertThat(products.get(kind)).contains(get(r, "product"));
            seen.computeIfAbsent(kind, k -> new HashSet<>()).add(get(r, "product"));
        }
        assertThat(seen).isEqualTo(products);
    }

    @Test
    void obligationIdsAreUniqueAndCarryProductPrefixes() {
        Set<String> ids = new HashSet<>();
        for (List<String> r : clean) {
            String id = get(r, "obligation_id");
            assertThat(ids.add(id)).as("unique %s", id).isTrue();
            String pattern = switch (get(r, "obligation_kind")) {
                case "INVOICE" -> "FAC-\\d{4}-\\d{6,}";
                case "LOAN_INSTALLMENT" -> "PR-\\d{7,}-\\d{2}";
                case "CARD" -> "TC-\\d{8,}";
                case "SERVICE" -> "SRV-\\d{8,}-\\d{4}";
                default -> "PAG-\\d{6,}";
            };
            assertThat(id).matches(pattern);
        }
    }

    @Test
    void rfcsHaveTheSatFormatAndAValidCheckDigit() {
        int persons = 0, companies = 0;
        for (List<String> r : customerRows()) {
            String rfc = get(r, "tax_id");
            assertThat(rfc).matches(RFC);
            assertThat(independentCheckDigit(rfc)).as(rfc).isEqualTo(rfc.charAt(rfc.length() - 1));
            String date = rfc.substring(rfc.length() - 9, rfc.length() - 3);
            LocalDate.parse(date, DateTimeFormatter.ofPattern("yyMMdd")); // a real date
            if (get(r, "customer_type").equals("COMPANY")) {
                companies++;
                assertThat(rfc).hasSize(12);
            } else {
                persons++;
                assertThat(get(r, "customer_type")).isEqualTo("PERSON");
                assertThat(rfc).hasSize(13);
            }
        }
        assertThat((double) companies / (persons + companies)).isBetween(0.05, 0.11);
    }

    @Test
    void rfcCheckDigitMatchesKnownRealRfcs() {
        // The SAT's own RFC (a company) and a widely published person example. The SAT's CFDI sandbox RFCs
        // (AAA010101AAA, CUPU800825569) are made up and do not verify, so they are not used here.
        for (String rfc : List.of("SAT970701NN3", "GODE561231GR8")) {
            assertThat(Rfc.isValid(rfc)).as(rfc).isTrue();
            assertThat(independentCheckDigit(rfc)).isEqualTo(rfc.charAt(rfc.length() - 1));
        }
        assertThat(Rfc.isValid("SAT970701NN4")).isFalse();
    }

    @Test
    void personRfcLettersFollowSatRules() {
        assertThat(Rfc.personLetters("Juan", "Pérez", "López")).isEqualTo("PELJ");
        assertThat(Rfc.personLetters("José Luis", "Hernández", "Núñez")).isEqualTo("HENL");
        assertThat(Rfc.personLetters("María del Carmen", "de la Cruz", "Ibáñez")).isEqualTo("CUIC");
        assertThat(Rfc.personLetters("Ernesto", "Pedroza", "Ochoa")).isEqualTo("PEOE");
        assertThat(Rfc.personLetters("Ofelia", "Pérez", "Domínguez")).isEqualTo("PEDX"); // PEDO is forbidden
        assertThat(Rfc.companyLetters("Abarrotes La Esperanza")).isEqualTo("AES");
        assertThat(Rfc.companyLetters("Transportes Hernández Ruiz")).isEqualTo("THR");
    }

    @Test
    void everyPhoneIsValidForLibphonenumberWithTheStatesLada() throws NumberParseException {
        Map<String, Set<String>> ladasByState = new HashMap<>();
        for (MexicoData.State s : MexicoData.STATES) {
            for (MexicoData.City c : s.cities()) ladasByState.computeIfAbsent(s.name(), k -> new HashSet<>()).add(c.lada());
        }
        int checked = 0, withPhone = 0, twoPhones = 0, withWhatsapp = 0;
        Set<String> styles = new HashSet<>();
        List<List<String>> customers = customerRows(new PortfolioGenerator(7, AS_OF, 0).rows(12_000).toList());
        for (List<String> r : customers) {
            String phone = get(r, "phone");
            if (phone.isEmpty()) continue;
            withPhone++;
            String[] numbers = phone.split(";");
            if (numbers.length == 2) twoPhones++;
            for (String n : numbers) {
                PhoneNumber p = PHONES.parse(n, "MX");
                assertThat(PHONES.isValidNumber(p)).as(n).isTrue();
                String national = String.valueOf(p.getNationalNumber());
                assertThat(national).hasSize(10);
                assertThat(ladasByState.get(get(r, "state"))).as("lada of %s in %s", n, get(r, "state"))
                    .anyMatch(national::startsWith);
                styles.add(n.replaceAll("\\d", "9"));
                checked++;
            }
            String wa = get(r, "whatsapp");
            if (!wa.isEmpty()) {
                withWhatsapp++;
                assertThat(wa).matches(E164_MX);
                assertThat(PHONES.isValidNumber(PHONES.parse(wa, "MX"))).isTrue();
                assertThat(wa.substring(3)).isEqualTo(numbers[0].replaceAll("\\D", "").replaceFirst("^52(?=\\d{10}$)", ""));
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10_000);
        assertThat((double) withPhone / customers.size()).isCloseTo(0.85, within(0.03));
        assertThat((double) twoPhones / customers.size()).isCloseTo(0.10, within(0.02));
        assertThat((double) withWhatsapp / customers.size()).isCloseTo(0.60, within(0.03));
        assertThat(styles).contains("99 9999 9999", "(99) 9999-9999", "9999999999", "+99 99 9999 9999",
            "999 999 9999", "(999) 999-9999", "+99 999 999 9999");
    }

    @Test
    void everyLadaOfTheTablesIsValid() throws NumberParseException {
        SplittableRandom r = new SplittableRandom(1);
        for (MexicoData.State s : MexicoData.STATES) {
            for (MexicoData.City c : s.cities()) {
                for (int i = 0; i < 200; i++) {
                    StringBuilder n = new StringBuilder(c.lada()).append((char) ('2' + r.nextInt(8)));
                    while (n.length() < 10) n.append((char) ('0' + r.nextInt(10)));
                    assertThat(PHONES.isValidNumber(PHONES.parse(n.toString(), "MX"))).as("%s %s", c.name(), n).isTrue();
                }
            }
        }
    }

    @Test
    void emailsAreLowerCaseAsciiAndUnique() {
        List<List<String>> customers = customerRows();
        Set<String> emails = new HashSet<>();
        int with = 0;
        for (List<String> r : customers) {
            String e = get(r, "email");
            if (e.isEmpty()) continue;
            with++;
            assertThat(e).matches(EMAIL);
            assertThat(emails.add(e)).as("unique %s", e).isTrue();
        }
        assertThat((double) with / customers.size()).isCloseTo(0.70, within(0.03));
        assertThat(emails).anyMatch(e -> e.endsWith("@gmail.com")).anyMatch(e -> e.endsWith("@hotmail.com"))
            .anyMatch(e -> e.endsWith("@outlook.com")).anyMatch(e -> e.endsWith("@yahoo.com.mx"));
    }

    @Test
    void namesAddressesAndPostalCodesLookMexican() {
        Map<String, int[]> cpPrefix = new HashMap<>();
        for (MexicoData.State s : MexicoData.STATES) cpPrefix.put(s.name(), new int[] {s.cpPrefixFrom(), s.cpPrefixTo()});
        int companies = 0, accented = 0;
        for (List<String> r : customerRows()) {
            String name = get(r, "customer_name");
            if (get(r, "customer_type").equals("COMPANY")) {
                companies++;
                assertThat(name).matches(".+, (S\\.A\\. de C\\.V\\.|S\\. de R\\.L\\. de C\\.V\\.|S\\.A\\.S\\. de C\\.V\\."
                    + "|S\\.A\\.P\\.I\\. de C\\.V\\.|S\\.C\\.)");
            } else {
                assertThat(name.split(" ").length).isGreaterThanOrEqualTo(3);
            }
            if (name.matches(".*[áéíóúñÁÉÍÓÚ].*")) accented++;
            String cp = get(r, "postal_code");
            assertThat(cp).matches("\\d{5}");
            int prefix = Integer.parseInt(cp.substring(0, 2));
            int[] range = cpPrefix.get(get(r, "state"));
            assertThat(prefix).as("%s in %s", cp, get(r, "state")).isBetween(range[0], range[1]);
            assertThat(get(r, "address")).matches(".+ (\\d+( Int\\. \\w+)?|S/N), Col\\. .+, .+, .+");
        }
        assertThat((double) companies / CUSTOMERS).isBetween(0.06, 0.10);
        assertThat((double) accented / CUSTOMERS).isGreaterThan(0.5);
        assertThat(cleanCsv).contains("José", "María", "Hernández", "Pérez", "Núñez", "Ibáñez", ", Col. Centro,",
            ", Guadalajara, Jal.", "Ciudad de México", "Estado de México", "Nuevo León");
    }

    @Test
    void dirtyRateSpoilsOnlyContactFields() throws NumberParseException {
        List<List<String>> dirty = parse(csv(new PortfolioGenerator(42, AS_OF, 0.01), CUSTOMERS));
        assertThat(dirty).hasSameSizeAs(clean);
        int dirtyCustomers = 0;
        String previous = null;
        for (int i = 0; i < dirty.size(); i++) {
            List<String> d = dirty.get(i), c = clean.get(i);
            for (String column : List.of("customer_id", "customer_name", "customer_type", "tax_id", "customer_since",
                "address", "state", "postal_code", "obligation_id", "obligation_kind", "product", "currency",
                "original_amount", "balance", "issue_date", "due_date")) {
                assertThat(get(d, column)).isEqualTo(get(c, column));
            }
            if (d.equals(c) || get(d, "customer_id").equals(previous)) continue;
            previous = get(d, "customer_id");
            dirtyCustomers++;
            assertThat(isDirty(d)).as("row %s differs, so a contact field must be invalid", d).isTrue();
        }
        assertThat((double) dirtyCustomers / CUSTOMERS).isBetween(0.005, 0.02);
        // even dirty e-mails stay unique (they keep the customer number)
        List<String> emails = customerRows(dirty).stream().map(r -> get(r, "email")).filter(e -> !e.isEmpty()).toList();
        assertThat(new HashSet<>(emails)).hasSameSizeAs(emails);
    }

    static boolean isDirty(List<String> r) throws NumberParseException {
        String email = get(r, "email"), wa = get(r, "whatsapp");
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) return true;
        if (!wa.isEmpty() && !wa.matches(E164_MX.pattern())) return true;
        for (String n : get(r, "phone").split(";")) {
            if (n.isEmpty()) continue;
            try {
                if (!PHONES.isValidNumber(PHONES.parse(n, "MX"))) return true;
            } catch (NumberParseException e) {
                return true;
            }
        }
        return false;
    }

    @Test
    void writesThroughAnyWriterWithoutHoldingTheFile() throws IOException {
        long[] chars = {0};
        Writer counting = new Writer() {
            @Override public void write(char[] buf, int off, int len) { chars[0] += len; }
            @Override public void flush() { }
            @Override public void close() { }
        };
        long lines = new PortfolioGenerator(1, AS_OF).writeCsv(counting, 50_000);
        assertThat(lines).isBetween(65_000L, 85_000L);
        assertThat(chars[0]).isGreaterThan(lines * 100);
    }

    @Test
    void outputStreamVariantWritesTheSameUtf8Bytes() throws IOException {
        PortfolioGenerator g = new PortfolioGenerator(5, AS_OF);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        long lines = g.writeCsv(bytes, 3_000);
        assertThat(bytes.toByteArray()).isEqualTo(csv(g, 3_000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(lines).isEqualTo(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count() - 1);
    }

    @Test
    void commandLineWritesTheFileAndCountsLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws IOException {
        java.nio.file.Path out = dir.resolve("portfolio.csv");
        int rc = GeneratePortfolio.run(new String[] {"--customers", "500", "--out", out.toString(), "--seed", "42",
            "--as-of", "2026-11-23", "--dirty-rate", "0"});
        assertThat(rc).isZero();
        String written = java.nio.file.Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(csv(new PortfolioGenerator(42, AS_OF, 0), 500));
    }

    // ---------------------------------------------------------------- helpers

    /** The first line of each customer. */
    static List<List<String>> customerRows() { return customerRows(clean); }

    static List<List<String>> customerRows(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        String previous = null;
        for (List<String> r : rows) {
            if (!get(r, "customer_id").equals(previous)) out.add(r);
            previous = get(r, "customer_id");
        }
        return out;
    }

    /** SAT check digit, written independently of {@link Rfc}: 13-character form with a leading space for companies. */
    static char independentCheckDigit(String rfc) {
        String table = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
        String base = rfc.substring(0, rfc.length() - 1);
        if (base.length() == 11) base = " " + base;
        int sum = 0;
        for (int i = 0; i < 12; i++) sum += table.indexOf(base.charAt(i)) * (13 - i);
        int mod = sum % 11;
        return mod == 0 ? '0' : mod == 1 ? 'A' : (char) ('0' + (11 - mod));
    }
}
