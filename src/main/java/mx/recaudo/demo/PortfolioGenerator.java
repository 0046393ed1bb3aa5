package mx.recaudo.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import mx.recaudo.demo.MexicoData.City;
import mx.recaudo.demo.MexicoData.State;

/**
 * Writes a realistic synthetic Mexican portfolio as a canonical import CSV: persons and companies in all
 * 32 states, with RFCs whose check digit verifies, phones valid for libphonenumber with the lada of the
 * customer's state, e-mails, WhatsApp numbers, addresses, and 1–3 obligations per customer whose days
 * past due spread from −10 to 400.
 *
 * <p>Streaming: one customer (at most three lines) is held at a time, so any number of customers is
 * written in constant memory. Deterministic: the same seed, as-of date and dirty rate give the same
 * bytes every time. Customer {@code i} depends only on the seed, the as-of date, the dirty rate and
 * {@code i}, except for the running sequence numbers inside obligation ids; so the first N customers of
 * a larger file are the same as a file of N customers.
 *
 * <p>A fraction of customers ({@code dirtyRate}, default 1%) carry one deliberately invalid contact field
 * (phone, e-mail or WhatsApp) so that an import shows warnings; ids, amounts and dates are never dirty.
 * With a dirty rate of 0, every other field is unchanged: the dirty draw is made last for each customer.
 *
 * <p>Plain Java, no Spring. Instances are immutable and thread-safe; each call writes a fresh portfolio.
 */
public final class PortfolioGenerator {

    /** The canonical header, in order. */
    public static final List<String> HEADER = List.of("customer_id", "customer_name", "customer_type", "tax_id",
        "customer_since", "phone", "email", "whatsapp", "address", "state", "postal_code", "obligation_id",
        "obligation_kind", "product", "currency", "original_amount", "balance", "issue_date", "due_date");

    public static final double DEFAULT_DIRTY_RATE = 0.01;
    /** Lowest days past due generated (10 days before the due date). */
    public static final int MIN_DPD = -10;
    /** Highest days past due generated. */
    public static final int MAX_DPD = 400;

    public static final String PERSON = "PERSON";
    public static final String COMPANY = "COMPANY";

    static final String INVOICE = "INVOICE", LOAN_INSTALLMENT = "LOAN_INSTALLMENT", CARD = "CARD",
        SERVICE = "SERVICE", PROMISSORY_NOTE = "PROMISSORY_NOTE";

    private static final double COMPANY_SHARE = 0.08;
    private static final int MAX_OBLIGATIONS = 3;
    private static final int SINCE_FLOOR = (int) LocalDate.of(2008, 1, 1).toEpochDay();
    private static final int INCORPORATION_FLOOR = (int) LocalDate.of(1975, 1, 1).toEpochDay();
    private static final String HEADER_LINE = String.join(",", HEADER) + "\n";

    private static final int[] COMPANY_INVOICE_TERMS = {30, 30, 45, 60, 90};
    private static final int[] PERSON_INVOICE_TERMS = {15, 20, 30};
    private static final String[] EMAIL_DOMAINS = {"gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"};
    private static final int[] EMAIL_DOMAIN_WEIGHTS = {45, 25, 15, 15};
    private static final String[] COMPANY_MAILBOXES = {"contacto", "cobranza", "facturacion", "ventas", "administracion"};

    // Precomputed per-name data, index-aligned with MexicoData's arrays.
    private static final String[] MALE_SLUGS = firstNameSlugs(MexicoData.MALE_FIRST_NAMES);
    private static final String[] FEMALE_SLUGS = firstNameSlugs(MexicoData.FEMALE_FIRST_NAMES);
    private static final String[] SURNAME_SLUGS = slugs(MexicoData.SURNAMES);
    private static final String[] PATERNAL_LETTERS = new String[MexicoData.SURNAMES.length];
    private static final char[] SURNAME_INITIALS = new char[MexicoData.SURNAMES.length];
    private static final char[] MALE_GIVEN_INITIALS = givenInitials(MexicoData.MALE_FIRST_NAMES);
    private static final char[] FEMALE_GIVEN_INITIALS = givenInitials(MexicoData.FEMALE_FIRST_NAMES);

    // Cumulative weights for sampling.
    private static final int[] STATE_CUMULATIVE;
    private static final int[][] CITY_CUMULATIVE;
    private static final int[] LEGAL_FORM_CUMULATIVE = cumulative(MexicoData.LEGAL_FORM_WEIGHTS);
    private static final int[] EMAIL_DOMAIN_CUMULATIVE = cumulative(EMAIL_DOMAIN_WEIGHTS);

    static {
        for (int i = 0; i < MexicoData.SURNAMES.length; i++) {
            PATERNAL_LETTERS[i] = Rfc.paternalLetters(MexicoData.SURNAMES[i]);
            SURNAME_INITIALS[i] = Rfc.initial(MexicoData.SURNAMES[i]);
        }
        State[] states = MexicoData.STATES;
        int[] populations = new int[states.length];
        CITY_CUMULATIVE = new int[states.length][];
        for (int s = 0; s < states.length; s++) {
            populations[s] = states[s].population();
            int[] w = new int[states[s].cities().length];
            for (int c = 0; c < w.length; c++) w[c] = states[s].cities()[c].weight();
            CITY_CUMULATIVE[s] = cumulative(w);
        }
        STATE_CUMULATIVE = cumulative(populations);
    }

    private final long seed;
    private final LocalDate asOf;
    private final int asOfDay;
    private final double dirtyRate;

    /** A generator with the default dirty rate (1% of customers carry one invalid contact field). */
    public PortfolioGenerator(long seed, LocalDate asOf) {
        this(seed, asOf, DEFAULT_DIRTY_RATE);
    }

    /**
     * @param seed      the random seed; same seed, as-of date and dirty rate give the same output
     * @param asOf      the business date the portfolio is generated for: due dates are set so that
     *                  days past due at this date run from {@value #MIN_DPD} to {@value #MAX_DPD}
     * @param dirtyRate the share of customers, 0 to 1, with one invalid contact field (0 for a clean file)
     */
    public PortfolioGenerator(long seed, LocalDate asOf, double dirtyRate) {
        this.seed = seed;
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.asOfDay = (int) asOf.toEpochDay();
        if (!(dirtyRate >= 0 && dirtyRate <= 1)) throw new IllegalArgumentException("dirtyRate must be in [0, 1]: " + dirtyRate);
        this.dirtyRate = dirtyRate;
    }

    public long seed() { return seed; }

    public LocalDate asOf() { return asOf; }

    public double dirtyRate() { return dirtyRate; }

    /**
     * Writes the header and one line per obligation of {@code customers} customers to {@code out}
     * (UTF-8 is the caller's choice of encoding; lines end with {@code \n}). Does not close or flush
     * {@code out} beyond writing to it.
     *
     * @return the number of data lines written (obligations), not counting the header
     */
    public long writeCsv(Writer out, int customers) throws IOException {
        Objects.requireNonNull(out, "out");
        char[] chars = new char[CHUNK * 2];
        return write(customers, buffer -> {
            int len = buffer.length();
            for (int pos = 0; pos < len; pos += chars.length) {
                int n = Math.min(chars.length, len - pos);
                buffer.getChars(pos, pos + n, chars, 0);
                out.write(chars, 0, n);
            }
        });
    }

    /**
     * Like {@link #writeCsv(Writer, int)}, encoding UTF-8 itself (faster than a Writer's encoder for this
     * mostly-Latin-1 text). Does not close or flush {@code out}; wrap a file stream in a buffer.
     *
     * @return the number of data lines written (obligations), not counting the header
     */
    public long writeCsv(OutputStream out, int customers) throws IOException {
        Objects.requireNonNull(out, "out");
        return write(customers, buffer -> out.write(buffer.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static final int CHUNK = 1 << 15;

    private interface Sink {
        void accept(StringBuilder chunk) throws IOException;
    }

    private long write(int customers, Sink sink) throws IOException {
        if (customers < 0) throw new IllegalArgumentException("customers must be >= 0: " + customers);
        Run run = new Run();
        StringBuilder buffer = new StringBuilder(CHUNK * 2);
        buffer.append(HEADER_LINE);
        long lines = 0;
        for (int i = 0; i < customers; i++) {
            Draft d = run.next(i);
            run.appendLines(buffer, d);
            lines += d.count;
            if (buffer.length() > CHUNK) {
                sink.accept(buffer);
                buffer.setLength(0);
            }
        }
        if (!buffer.isEmpty()) sink.accept(buffer);
        return lines;
    }

    /**
     * The same lines as {@link #writeCsv} (without the header), lazily, as lists of 19 cell values in
     * {@link #HEADER} order. Generates as it is consumed; never holds more than one customer.
     */
    public Stream<List<String>> rows(int customers) {
        if (customers < 0) throw new IllegalArgumentException("customers must be >= 0: " + customers);
        Iterator<List<String>> it = new Iterator<>() {
            private final Run run = new Run();
            private int nextCustomer;
            private Draft current;
            private int nextLine;

            @Override
            public boolean hasNext() {
                if (current != null && nextLine < current.count) return true;
                if (nextCustomer >= customers) return false;
                current = run.next(nextCustomer++);
                nextLine = 0;
                return true;
            }

            @Override
            public List<String> next() {
                if (!hasNext()) throw new NoSuchElementException();
                return run.cells(current, nextLine++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** One customer and its obligations, reused from one customer to the next. */
    static final class Draft {
        String id, name, type, taxId, phone, email, whatsapp, address, state, postalCode;
        int since;
        int count;
        final String[] obligationId = new String[MAX_OBLIGATIONS];
        final String[] kind = new String[MAX_OBLIGATIONS];
        final String[] product = new String[MAX_OBLIGATIONS];
        final String[] currency = new String[MAX_OBLIGATIONS];
        final long[] originalCents = new long[MAX_OBLIGATIONS];
        final long[] balanceCents = new long[MAX_OBLIGATIONS];
        final int[] issue = new int[MAX_OBLIGATIONS];
        final int[] due = new int[MAX_OBLIGATIONS];
    }

    /** The state of one output: running sequence numbers for obligation ids and scratch buffers. */
    private final class Run {
        private final Draft d = new Draft();
        private final StringBuilder prefix = new StringBuilder(512);
        private final StringBuilder sb = new StringBuilder(128);
        private long invoiceSeq, loanSeq, cardSeq, serviceSeq, noteSeq;

        // scratch for the current customer
        private final char[] phoneDigits = new char[10];
        private final char[] phone2Digits = new char[10];

        Draft next(int index) {
            SplittableRandom r = new SplittableRandom(mix(seed, index));
            Draft d = this.d;
            boolean company = r.nextDouble() < COMPANY_SHARE;
            d.type = company ? COMPANY : PERSON;
            d.id = customerId(index);

            // Where
            int s = pick(STATE_CUMULATIVE, r);
            State state = MexicoData.STATES[s];
            City city = state.cities()[pick(CITY_CUMULATIVE[s], r)];
            d.state = state.name();

            // Who
            String firstNames, firstSlug = null, paternal, maternal;
            char givenInitial = 'X';
            int pat = rankPick(MexicoData.SURNAMES.length, r);
            int mat = rankPick(MexicoData.SURNAMES.length, r);
            paternal = MexicoData.SURNAMES[pat];
            maternal = MexicoData.SURNAMES[mat];
            String companyBase = null, companySlug = null;
            if (company) {
                companyBase = companyName(r, paternal, maternal);
                companySlug = companySlug(companyBase);
                d.name = companyBase + MexicoData.LEGAL_FORMS[pick(LEGAL_FORM_CUMULATIVE, r)];
            } else {
                boolean female = r.nextBoolean();
                String[] names = female ? MexicoData.FEMALE_FIRST_NAMES : MexicoData.MALE_FIRST_NAMES;
                int f = rankPick(names.length, r);
                firstNames = names[f];
                firstSlug = (female ? FEMALE_SLUGS : MALE_SLUGS)[f];
                givenInitial = (female ? FEMALE_GIVEN_INITIALS : MALE_GIVEN_INITIALS)[f];
                sb.setLength(0);
                d.name = sb.append(firstNames).append(' ').append(paternal).append(' ').append(maternal).toString();
            }

            // What they owe
            int n = obligationCount(company, r);
            int minIssue = generateObligations(d, n, company, r);

            // Since when, and the RFC's date
            int sinceHi = Math.min(asOfDay - 30, minIssue);
            int sinceLo = Math.min(SINCE_FLOOR, sinceHi - 365);
            double v = r.nextDouble();
            d.since = sinceHi - (int) ((sinceHi - sinceLo) * v * Math.sqrt(v));
            sb.setLength(0);
            if (company) {
                int incHi = d.since - 30;
                int incLo = Math.min(INCORPORATION_FLOOR, incHi - 365);
                int incorporated = incHi - r.nextInt(incHi - incLo + 1);
                sb.append(Rfc.companyLetters(companyBase));
                appendYyMmDd(sb, incorporated);
            } else {
                int birth = asOfDay - 21 * 365 - r.nextInt(57 * 365);
                int adultAt = (int) LocalDate.ofEpochDay(d.since).minusYears(18).toEpochDay();
                if (birth > adultAt) birth = adultAt - r.nextInt(25 * 365);
                sb.append(Rfc.personLetters(PATERNAL_LETTERS[pat], SURNAME_INITIALS[mat], givenInitial));
                appendYyMmDd(sb, birth);
            }
            sb.append(Rfc.HOMOCLAVE.charAt(r.nextInt(Rfc.HOMOCLAVE.length())))
              .append(Rfc.HOMOCLAVE.charAt(r.nextInt(Rfc.HOMOCLAVE.length())));
            sb.append(Rfc.checkDigit(sb));
            d.taxId = sb.toString();

            // Address
            sb.setLength(0);
            sb.append(MexicoData.STREETS[rankPick(MexicoData.STREETS.length, r)]).append(' ');
            int kindOfNumber = r.nextInt(100);
            if (kindOfNumber < 2) {
                sb.append("S/N");
            } else {
                double u = r.nextDouble();
                sb.append(r.nextInt(10) == 0 ? 1000 + r.nextInt(4000) : 1 + (int) (1999 * u * Math.sqrt(u)));
                if (kindOfNumber < 17) {
                    sb.append(" Int. ");
                    if (r.nextInt(4) == 0) sb.append((char) ('A' + r.nextInt(4)));
                    else sb.append(1 + r.nextInt(24));
                }
            }
            String[] colonias = city.colonias() != null && r.nextInt(10) < 8 ? city.colonias() : MexicoData.COLONIAS;
            sb.append(", Col. ").append(colonias[rankPick(colonias.length, r)])
              .append(", ").append(city.name()).append(", ").append(state.abbreviation());
            d.address = sb.toString();
            int cp = city.cpFrom() + r.nextInt(city.cpTo() - city.cpFrom() + 1);
            sb.setLength(0);
            if (cp < 10000) sb.append('0');
            d.postalCode = sb.append(cp).toString();

            // Phones and WhatsApp
            int phoneRoll = r.nextInt(100);
            int phones = phoneRoll < 15 ? 0 : phoneRoll < 25 ? 2 : 1;
            d.phone = "";
            d.whatsapp = "";
            if (phones > 0) {
                int style = r.nextInt(4);
                phoneNumber(city.lada(), phoneDigits, r);
                sb.setLength(0);
                formatPhone(sb, phoneDigits, city.lada().length(), style);
                if (phones == 2) {
                    City other = r.nextInt(3) == 0 ? state.cities()[pick(CITY_CUMULATIVE[s], r)] : city;
                    phoneNumber(other.lada(), phone2Digits, r);
                    sb.append(';');
                    formatPhone(sb, phone2Digits, other.lada().length(), style);
                }
                d.phone = sb.toString();
                if (r.nextInt(85) < 60) {
                    sb.setLength(0);
                    d.whatsapp = sb.append("+52").append(phoneDigits).toString();
                }
            }

            // E-mail: the trailing digits are the customer number, so e-mails are unique
            d.email = "";
            if (r.nextInt(100) < 70) {
                sb.setLength(0);
                if (company) {
                    String slug = companySlug;
                    if (r.nextBoolean()) {
                        sb.append(slug).append(index + 1).append('@')
                          .append(EMAIL_DOMAINS[pick(EMAIL_DOMAIN_CUMULATIVE, r)]);
                    } else {
                        sb.append(COMPANY_MAILBOXES[r.nextInt(COMPANY_MAILBOXES.length)]).append('@')
                          .append(slug).append(index + 1).append(".com.mx");
                    }
                } else {
                    String p = SURNAME_SLUGS[pat], m = SURNAME_SLUGS[mat];
                    int style = r.nextInt(100);
                    if (style < 40) sb.append(firstSlug).append('.').append(p);
                    else if (style < 60) sb.append(firstSlug).append(p);
                    else if (style < 70) sb.append(firstSlug).append('_').append(p);
                    else if (style < 85) sb.append(firstSlug.charAt(0)).append(p).append(m.charAt(0));
                    else sb.append(firstSlug).append('.').append(p).append('.').append(m);
                    sb.append(index + 1).append('@').append(EMAIL_DOMAINS[pick(EMAIL_DOMAIN_CUMULATIVE, r)]);
                }
                d.email = sb.toString();
            }

            // Dirty contact field, drawn last so a clean file has the same other fields
            double dirtyRoll = r.nextDouble();
            int dirtyField = r.nextInt(3);
            int dirtyVariant = r.nextInt(5);
            if (dirtyRoll < dirtyRate) dirty(d, dirtyField, dirtyVariant, city.lada(), index);
            return d;
        }

        /** Fills d's obligations; returns the earliest issue date (epoch day). */
        private int generateObligations(Draft d, int n, boolean company, SplittableRandom r) {
            int slot = 0;
            int minIssue = Integer.MAX_VALUE;
            while (slot < n) {
                String kind = pickKind(company, r);
                String product = pickProduct(kind, company, r);
                String currency = isUsd(kind, product, company, r) ? "USD" : "MXN";
                boolean usd = currency.equals("USD");
                int remaining = n - slot;
                boolean recurring = kind == LOAN_INSTALLMENT || kind == SERVICE;
                int chain = recurring && remaining > 1 && r.nextBoolean() ? 2 + r.nextInt(remaining - 1) : 1;
                int dpd0 = sampleDpd(r);
                LocalDate due0 = asOf.minusDays(dpd0);
                long amount = amountCents(product, company, usd, r);

                // Recurring obligations: consecutive monthly dues of one loan or contract
                long loanNo = 0, contractNo = 0;
                int term = 0, firstInstallment = 0;
                LocalDate origination = null;
                if (kind == LOAN_INSTALLMENT) {
                    loanNo = ++loanSeq;
                    term = loanTerm(product, r);
                    firstInstallment = 1 + r.nextInt(Math.max(1, term - chain + 1));
                    origination = due0.minusMonths(firstInstallment);
                } else if (kind == SERVICE) {
                    contractNo = ++serviceSeq;
                }
                for (int k = 0; k < chain && slot < n; k++) {
                    LocalDate dueDate = k == 0 ? due0 : due0.plusMonths(k);
                    int due = (int) dueDate.toEpochDay();
                    if (asOfDay - due < MIN_DPD) break; // beyond the horizon: the next slot gets a new obligation
                    int issue;
                    sb.setLength(0);
                    switch (kind) {
                        case INVOICE -> {
                            int[] terms = company ? COMPANY_INVOICE_TERMS : PERSON_INVOICE_TERMS;
                            issue = due - terms[r.nextInt(terms.length)];
                            sb.append("FAC-").append(LocalDate.ofEpochDay(issue).getYear()).append('-');
                            pad(sb, ++invoiceSeq, 6);
                        }
                        case LOAN_INSTALLMENT -> {
                            issue = (int) origination.toEpochDay();
                            sb.append("PR-");
                            pad(sb, loanNo, 7);
                            sb.append('-');
                            pad(sb, firstInstallment + k, 2);
                        }
                        case CARD -> {
                            issue = due - 20;
                            sb.append("TC-");
                            pad(sb, ++cardSeq, 8);
                        }
                        case SERVICE -> {
                            issue = due - 15;
                            sb.append("SRV-");
                            pad(sb, contractNo, 8);
                            sb.append('-');
                            pad(sb, dueDate.getYear() % 100, 2);
                            pad(sb, dueDate.getMonthValue(), 2);
                        }
                        default -> {
                            issue = due - (30 + r.nextInt(336));
                            sb.append("PAG-");
                            pad(sb, ++noteSeq, 6);
                        }
                    }
                    d.obligationId[slot] = sb.toString();
                    d.kind[slot] = kind;
                    d.product[slot] = product;
                    d.currency[slot] = currency;
                    d.originalCents[slot] = amount;
                    d.balanceCents[slot] = balance(amount, r);
                    d.issue[slot] = issue;
                    d.due[slot] = due;
                    minIssue = Math.min(minIssue, issue);
                    slot++;
                }
            }
            d.count = n;
            return minIssue;
        }

        private void dirty(Draft d, int field, int variant, String lada, int index) {
            switch (field) {
                case 0 -> d.phone = switch (variant) {
                    case 0 -> "12345";
                    case 1 -> lada.length() == 2 ? lada + " 1234 567" : lada + " 123 456"; // nine digits
                    case 2 -> "0000000000";
                    case 3 -> "123-45-67";
                    default -> "tel. " + lada + "12";
                };
                case 1 -> {
                    // derived from the whole address, which holds the customer number, so still unique
                    String email = d.email.isEmpty() ? "cliente" + (index + 1) + "@gmail.com" : d.email;
                    int at = email.indexOf('@');
                    d.email = switch (variant) {
                        case 0 -> email.replace("@", "@@");                                  // juan.perez7@@gmail.com
                        case 1 -> email.substring(0, email.indexOf('.', at));               // juan.perez7@gmail
                        case 2 -> email.replace('@', '.');                                  // juan.perez7.gmail.com
                        case 3 -> email.substring(0, at) + " " + email.substring(at);       // juan.perez7 @gmail.com
                        default -> email.substring(0, at + 1) + email.substring(at + 1).replace(".", ".."); // gmail..com
                    };
                }
                default -> d.whatsapp = switch (variant) {
                    case 0 -> "+52 " + lada + " 1234";
                    case 1 -> "12345";
                    case 2 -> "+520000";
                    case 3 -> "wa " + lada;
                    default -> "+52-" + lada + "-12";
                };
            }
        }

        /** Appends all lines of d to out, customer columns built once. */
        void appendLines(StringBuilder out, Draft d) {
            StringBuilder p = prefix;
            p.setLength(0);
            p.append(d.id).append(',');
            csv(p, d.name).append(',');
            p.append(d.type).append(',').append(d.taxId).append(',');
            appendDate(p, d.since);
            p.append(',');
            csv(p, d.phone).append(',');
            csv(p, d.email).append(',');
            csv(p, d.whatsapp).append(',');
            csv(p, d.address).append(',');
            csv(p, d.state).append(',').append(d.postalCode).append(',');
            for (int j = 0; j < d.count; j++) {
                out.append(p);
                out.append(d.obligationId[j]).append(',').append(d.kind[j]).append(',');
                csv(out, d.product[j]).append(',').append(d.currency[j]).append(',');
                appendCents(out, d.originalCents[j]);
                out.append(',');
                appendCents(out, d.balanceCents[j]);
                out.append(',');
                appendDate(out, d.issue[j]);
                out.append(',');
                appendDate(out, d.due[j]);
                out.append('\n');
            }
        }

        List<String> cells(Draft d, int j) {
            List<String> c = new ArrayList<>(HEADER.size());
            c.add(d.id);
            c.add(d.name);
            c.add(d.type);
            c.add(d.taxId);
            c.add(date(d.since));
            c.add(d.phone);
            c.add(d.email);
            c.add(d.whatsapp);
            c.add(d.address);
            c.add(d.state);
            c.add(d.postalCode);
            c.add(d.obligationId[j]);
            c.add(d.kind[j]);
            c.add(d.product[j]);
            c.add(d.currency[j]);
            sb.setLength(0);
            c.add(appendCents(sb, d.originalCents[j]).toString());
            sb.setLength(0);
            c.add(appendCents(sb, d.balanceCents[j]).toString());
            c.add(date(d.issue[j]));
            c.add(date(d.due[j]));
            return List.copyOf(c);
        }

        private String date(int epochDay) {
            sb.setLength(0);
            return appendDate(sb, epochDay).toString();
        }
    }

    // ---------------------------------------------------------------- distributions

    private static int obligationCount(boolean company, SplittableRandom r) {
        int u = r.nextInt(100);
        if (company) return u < 30 ? 1 : u < 65 ? 2 : 3;
        return u < 60 ? 1 : u < 90 ? 2 : 3;
    }

    private static String pickKind(boolean company, SplittableRandom r) {
        int u = r.nextInt(100);
        if (company) {
            return u < 55 ? INVOICE : u < 75 ? LOAN_INSTALLMENT : u < 87 ? PROMISSORY_NOTE : u < 95 ? SERVICE : CARD;
        }
        return u < 35 ? LOAN_INSTALLMENT : u < 60 ? CARD : u < 85 ? SERVICE : u < 95 ? INVOICE : PROMISSORY_NOTE;
    }

    private static String pickProduct(String kind, boolean company, SplittableRandom r) {
        int u = r.nextInt(100);
        return switch (kind) {
            case INVOICE -> company
                ? (u < 45 ? "Suministro de material" : u < 75 ? "Mantenimiento" : "Servicio de telefonía")
                : (u < 50 ? "Servicio de telefonía" : u < 80 ? "Mantenimiento" : "Suministro de material");
            case LOAN_INSTALLMENT -> company
                ? (u < 80 ? "Crédito PyME" : "Crédito automotriz")
                : (u < 40 ? "Crédito personal" : u < 60 ? "Crédito automotriz" : "Nómina");
            case CARD -> u < (company ? 40 : 70) ? "Tarjeta de crédito Clásica" : "Tarjeta Oro";
            case SERVICE -> company ? (u < 80 ? "Plan móvil" : "Internet hogar") : (u < 50 ? "Internet hogar" : "Plan móvil");
            default -> "Pagaré";
        };
    }

    /** True for USD: mostly companies' invoices and notes; a few persons' invoices, notes and car loans. */
    private static boolean isUsd(String kind, String product, boolean company, SplittableRandom r) {
        double p;
        if (company) {
            p = switch (kind) {
                case INVOICE -> 0.50;
                case PROMISSORY_NOTE -> 0.35;
                case LOAN_INSTALLMENT -> 0.15;
                default -> 0.0;
            };
        } else {
            p = switch (kind) {
                case INVOICE -> 0.06;
                case PROMISSORY_NOTE -> 0.08;
                case LOAN_INSTALLMENT -> product.equals("Crédito automotriz") ? 0.03 : 0.0;
                default -> 0.0;
            };
        }
        return r.nextDouble() < p;
    }

    private static final long[] INTERNET_PRICES = {34900, 38900, 39900, 44900, 49900, 54900, 59900, 64900, 79900, 99900};
    private static final long[] MOBILE_PRICES = {30000, 32900, 34900, 39900, 44900, 49900, 59900, 69900, 89900, 109900};

    /** Original amount in cents: MXN 300–250,000, USD 100–20,000, log-uniform within each product's range. */
    private static long amountCents(String product, boolean company, boolean usd, SplittableRandom r) {
        if (usd) return logUniformCents(100, 20_000, r);
        return switch (product) {
            case "Internet hogar" -> INTERNET_PRICES[r.nextInt(INTERNET_PRICES.length)] * (company ? 1 + r.nextInt(3) : 1);
            case "Plan móvil" -> MOBILE_PRICES[r.nextInt(MOBILE_PRICES.length)] * (company ? 2 + r.nextInt(24) : 1);
            case "Servicio de telefonía" -> company ? logUniformCents(1_500, 60_000, r) : logUniformCents(300, 3_500, r);
            case "Suministro de material" -> company ? logUniformCents(2_500, 250_000, r) : logUniformCents(1_000, 40_000, r);
            case "Mantenimiento" -> company ? logUniformCents(1_200, 90_000, r) : logUniformCents(500, 15_000, r);
            case "Crédito personal" -> logUniformCents(800, 12_000, r);
            case "Crédito PyME" -> logUniformCents(5_000, 150_000, r);
            case "Crédito automotriz" -> logUniformCents(3_500, 25_000, r);
            case "Nómina" -> logUniformCents(600, 9_000, r);
            case "Tarjeta de crédito Clásica" -> logUniformCents(300, 45_000, r);
            case "Tarjeta Oro" -> logUniformCents(1_000, 120_000, r);
            default -> company ? logUniformCents(10_000, 250_000, r) : logUniformCents(2_000, 80_000, r); // Pagaré
        };
    }

    private static long logUniformCents(double min, double max, SplittableRandom r) {
        double v = Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min)));
        long cents = Math.round(v * 100);
        return Math.max((long) (min * 100), Math.min((long) (max * 100), cents));
    }

    /** Half unpaid in full, 45% partly paid, 5% a little above the original (interest, fees). */
    private static long balance(long original, SplittableRandom r) {
        int u = r.nextInt(100);
        if (u < 50) return original;
        if (u < 95) return Math.max(1, Math.min(original - 1, Math.round(original * (0.05 + 0.9 * r.nextDouble()))));
        return Math.round(original * (1.01 + 0.07 * r.nextDouble()));
    }

    private static int loanTerm(String product, SplittableRandom r) {
        return switch (product) {
            case "Crédito automotriz" -> 24 + 12 * r.nextInt(4);   // 24..60
            case "Crédito PyME" -> 12 + 12 * r.nextInt(4);         // 12..48
            case "Nómina" -> 6 + 6 * r.nextInt(4);                 // 6..24
            default -> 12 + 6 * r.nextInt(5);                      // 12..36
        };
    }

    /** Days past due: 58% in −10..60, 25% in 61..180, 17% in a thinning tail 181..400. */
    private static int sampleDpd(SplittableRandom r) {
        int u = r.nextInt(100);
        if (u < 58) return MIN_DPD + r.nextInt(71);
        if (u < 83) return 61 + r.nextInt(120);
        double v = r.nextDouble();
        return 181 + (int) ((MAX_DPD - 180) * v * v);
    }

    private static String companyName(SplittableRandom r, String surname1, String surname2) {
        int u = r.nextInt(100);
        if (u < 45) {
            return MexicoData.TRADES[r.nextInt(MexicoData.TRADES.length)] + " "
                + MexicoData.FANTASY_NAMES[r.nextInt(MexicoData.FANTASY_NAMES.length)];
        }
        if (u < 75) {
            if (surname1.equals(surname2)) return MexicoData.FAMILY_TRADES[r.nextInt(MexicoData.FAMILY_TRADES.length)] + " " + surname1;
            return MexicoData.FAMILY_TRADES[r.nextInt(MexicoData.FAMILY_TRADES.length)] + " " + surname1 + " " + surname2;
        }
        if (u < 88) {
            return MexicoData.TRADES[r.nextInt(MexicoData.TRADES.length)] + " " + surname1 + " e Hijos";
        }
        String[] firms = {"Consultores", "Despacho", "Contadores", "Abogados"};
        return firms[r.nextInt(firms.length)] + " " + surname1 + " y Asociados";
    }

    // ---------------------------------------------------------------- phones

    /** Ten digits: the lada, then a subscriber number not starting with 0 or 1. */
    private static void phoneNumber(String lada, char[] digits, SplittableRandom r) {
        int l = lada.length();
        lada.getChars(0, l, digits, 0);
        digits[l] = (char) ('2' + r.nextInt(8));
        for (int i = l + 1; i < 10; i++) digits[i] = (char) ('0' + r.nextInt(10));
    }

    /**
     * Styles: 0 {@code 55 1234 5678} / {@code 222 123 4567}; 1 {@code (33) 3123-4567} / {@code (222) 123-4567};
     * 2 {@code 8112345678}; 3 {@code +52 81 1234 5678} / {@code +52 222 123 4567}.
     */
    static void formatPhone(StringBuilder sb, char[] d, int ladaLength, int style) {
        int l = ladaLength;
        switch (style) {
            case 0 -> {
                sb.append(d, 0, l).append(' ').append(d, l, 6 - l).append(' ').append(d, 6, 4);
            }
            case 1 -> {
                sb.append('(').append(d, 0, l).append(") ").append(d, l, 6 - l).append('-').append(d, 6, 4);
            }
            case 2 -> sb.append(d, 0, 10);
            default -> {
                sb.append("+52 ").append(d, 0, l).append(' ').append(d, l, 6 - l).append(' ').append(d, 6, 4);
            }
        }
    }

    // ---------------------------------------------------------------- formatting helpers

    private static StringBuilder csv(StringBuilder sb, String value) {
        boolean quote = false;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') { quote = true; break; }
        }
        if (!quote) return sb.append(value);
        if (value.indexOf('"') < 0) return sb.append('"').append(value).append('"');
        return sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    static StringBuilder appendCents(StringBuilder sb, long cents) {
        sb.append(cents / 100).append('.');
        int c = (int) (cents % 100);
        if (c < 10) sb.append('0');
        return sb.append(c);
    }

    static StringBuilder appendDate(StringBuilder sb, int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        sb.append(d.getYear()).append('-');
        int m = d.getMonthValue();
        if (m < 10) sb.append('0');
        sb.append(m).append('-');
        int day = d.getDayOfMonth();
        if (day < 10) sb.append('0');
        return sb.append(day);
    }

    private static void appendYyMmDd(StringBuilder sb, int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        pad(sb, d.getYear() % 100, 2);
        pad(sb, d.getMonthValue(), 2);
        pad(sb, d.getDayOfMonth(), 2);
    }

    private static void pad(StringBuilder sb, long value, int width) {
        long limit = 1;
        for (int i = 1; i < width; i++) limit *= 10;
        for (long l = limit; l > 1 && value < l; l /= 10) sb.append('0');
        sb.append(value);
    }

    private static String customerId(int index) {
        StringBuilder sb = new StringBuilder(10).append('C');
        pad(sb, index + 1L, 7);
        return sb.toString();
    }

    /** Lower-case ASCII letters only (accents removed, ñ to n), at most {@code max} characters. */
    static String slug(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(max, s.length()));
        String folded = Rfc.upperFold(s);
        for (int i = 0; i < folded.length() && sb.length() < max; i++) {
            char c = folded.charAt(i);
            if (c == 'Ñ') sb.append('n');
            else if (c >= 'A' && c <= 'Z') sb.append((char) (c + ('a' - 'A')));
        }
        return sb.toString();
    }

    /** Whole words of a company name, lower-case ASCII, while they fit in 24 characters ("abarroteslaesperanza"). */
    private static String companySlug(String companyName) {
        StringBuilder sb = new StringBuilder(24);
        for (String word : companyName.split(" ")) {
            String w = slug(word, 24);
            if (sb.length() + w.length() > 24) {
                if (sb.isEmpty()) sb.append(w);
                break;
            }
            sb.append(w);
        }
        return sb.toString();
    }

    private static char[] givenInitials(String[] names) {
        char[] out = new char[names.length];
        for (int i = 0; i < names.length; i++) out[i] = Rfc.givenInitial(names[i]);
        return out;
    }

    private static String[] slugs(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) out[i] = slug(names[i], 40);
        return out;
    }

    /** E-mail slug of a first name: its first word (María Guadalupe → maria). */
    private static String[] firstNameSlugs(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) out[i] = slug(names[i].split(" ")[0], 40);
        return out;
    }

    // ---------------------------------------------------------------- sampling helpers

    private static int[] cumulative(int[] weights) {
        int[] c = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) c[i] = sum += weights[i];
        return c;
    }

    /** Index i with probability weight[i] / total, by binary search over the cumulative weights. */
    private static int pick(int[] cumulative, SplittableRandom r) {
        int x = r.nextInt(cumulative[cumulative.length - 1]);
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /** An index into a list ordered by frequency, favouring the head (the first of 120 about 4%). */
    private static int rankPick(int n, SplittableRandom r) {
        double u = r.nextDouble();
        return Math.min(n - 1, (int) (n * u * Math.sqrt(u)));
    }

    /** A well-mixed seed for customer {@code index} (SplitMix64 finalizer). */
    private static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
