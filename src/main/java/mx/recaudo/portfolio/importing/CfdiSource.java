package mx.recaudo.portfolio.importing;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Streams CFDI 4.0 invoices (Mexican electronic invoices) from a zip of XML files, or from a single XML, as rows
 * under the canonical header ({@link CanonicalColumn} order) plus a trailing {@value #PAYMENT_METHOD} column.
 * <p>
 * Each XML entry (name ending in {@code .xml}; folders, {@code __MACOSX/} and dot-files are ignored, other entries
 * such as the invoices' PDFs are skipped silently) is parsed with StAX, XXE-safe. Its ordinal among the XML entries
 * gives {@link SourceRow#line()}: the first XML is line 2, as if the archive had a header.
 * <ul>
 *   <li>An income invoice ({@code TipoDeComprobante="I"}) becomes one row: the receiver (Receptor) is the customer,
 *       the fiscal stamp UUID (upper-case) the obligation id, the total both the original amount and the balance,
 *       the date part of {@code Fecha} the issue date. The due date is the issue date for {@code MetodoPago="PUE"}
 *       (paid in one installment) and the issue date plus {@code ppdTermDays} (30 by default) for {@code "PPD"}
 *       (paid in installments or deferred: CFDI carry no due date, so a term is assumed); for any other or missing
 *       method it is left empty, as it is when {@code Fecha} is not a date. Values are passed as found (trimmed), the
 *       validator judges them (e.g. currency {@code XXX}).</li>
 *   <li>Other types (E credit note, P payment, T transfer, N payroll) are skipped and counted in
 *       {@link #skippedDocuments()}.</li>
 *   <li>An XML that is not a CFDI 4.0 (malformed, another root or namespace, a CFDI 3.3, another version, no type,
 *       no UUID because it was never stamped) yields no row but an {@link ImportIssue} ERROR whose column is the
 *       entry name, collected for {@link #documentIssues()}.</li>
 * </ul>
 * The whole file is unusable ({@link UnusableFileException}) when the zip is damaged, holds no XML, or any entry
 * expands beyond {@value #MAX_ENTRY_BYTES} bytes (zip-bomb guard).
 */
final class CfdiSource implements TabularSource {
    static final String CFDI_NS = "http://www.sat.gob.mx/cfd/4";
    static final String CFDI33_NS = "http://www.sat.gob.mx/cfd/3";
    static final String TFD_NS = "http://www.sat.gob.mx/TimbreFiscalDigital";
    static final String PAYMENT_METHOD = "payment_method";
    static final int DEFAULT_PPD_TERM_DAYS = 30;
    static final long MAX_ENTRY_BYTES = 20L * 1024 * 1024;
    static final int MAX_PRODUCT_LENGTH = 100;

    private static final List<String> HEADER;

    static {
        List<String> h = new ArrayList<>();
        for (CanonicalColumn c : CanonicalColumn.values()) h.add(c.header());
        h.add(PAYMENT_METHOD);
        HEADER = List.copyOf(h);
    }

    private final XMLInputFactory xmlFactory = SafeXml.inputFactory();
    private final int ppdTermDays;
    private final InputStream raw;
    private final ZipInputStream zip;          // null for a single XML
    private final Closeable onClose;
    private final List<ImportIssue> issues = new ArrayList<>();
    private String pendingEntry;               // name of the XML entry positioned for reading, if any
    private boolean entryConsumed;             // pendingEntry has been read: advance before reading again
    private long ordinal;
    private int skipped;

    /** A zip of CFDI with the default PPD term of {@value #DEFAULT_PPD_TERM_DAYS} days. */
    CfdiSource(InputStream zip) throws IOException {
        this(zip, DEFAULT_PPD_TERM_DAYS);
    }

    /** A zip of CFDI; PPD invoices fall due {@code ppdTermDays} days after their issue date. */
    CfdiSource(InputStream zip, int ppdTermDays) throws IOException {
        this(zip, true, null, ppdTermDays, () -> {});
    }

    /** A single CFDI XML file named {@code fileName} (used as the issue column). */
    static CfdiSource ofSingleXml(String fileName, InputStream xml, int ppdTermDays) throws IOException {
        return new CfdiSource(xml, false, fileName, ppdTermDays, () -> {});
    }

    /**
     * Takes ownership of {@code in}: {@link #close()} closes it then runs {@code onClose}, and so does a failing
     * constructor. {@code zipped} false means {@code in} is a single XML named {@code singleName}.
     */
    CfdiSource(InputStream in, boolean zipped, String singleName, int ppdTermDays, Closeable onClose)
            throws IOException {
        this.ppdTermDays = ppdTermDays;
        this.raw = in;
        this.onClose = onClose;
        boolean opened = false;
        try {
            if (ppdTermDays < 0) throw new IllegalArgumentException("ppdTermDays must be >= 0: " + ppdTermDays);
            if (zipped) {
                zip = new ZipInputStream(new BufferedInputStream(in), legacyNameCharset());
                pendingEntry = nextXmlEntry();
                if (pendingEntry == null) {
                    throw new UnusableFileException(
                            "El ZIP no contiene archivos XML de CFDI.", "The zip holds no CFDI XML files.");
                }
            } else {
                zip = null;
                pendingEntry = singleName == null || singleName.isBlank() ? "cfdi.xml" : singleName;
            }
            opened = true;
        } finally {
            if (!opened) {
                try {
                    in.close();
                } finally {
                    onClose.close();
                }
            }
        }
    }

    /** The canonical headers in enum order, then {@value #PAYMENT_METHOD}. */
    @Override
    public List<String> header() { return HEADER; }

    @Override
    public SourceRow next() throws IOException {
        while (true) {
            if (entryConsumed) {
                // advanced only now, so that a row is handed over before a damaged entry after it stops the import
                pendingEntry = zip != null ? nextXmlEntry() : null;
                entryConsumed = false;
            }
            if (pendingEntry == null) return null;
            long line = 1 + ++ordinal;
            GuardedStream entry = new GuardedStream(zip != null ? zip : raw);
            String[] row = readDocument(pendingEntry, line, entry);
            entry.drain();
            entryConsumed = true;
            if (row != null) return new SourceRow(line, Arrays.asList(row));
        }
    }

    /** How many well-formed CFDI 4.0 were skipped because they are not income invoices (type E, P, T, N). */
    int skippedDocuments() { return skipped; }

    /** The issues about documents read so far that are not CFDI 4.0; returned once, then forgotten. */
    List<ImportIssue> documentIssues() {
        List<ImportIssue> drained = List.copyOf(issues);
        issues.clear();
        return drained;
    }

    @Override
    public void close() throws IOException {
        try {
            (zip != null ? zip : raw).close();
        } finally {
            onClose.close();
        }
    }

    /** Advances the zip to the next XML entry and returns its name, or null at the end of the archive. */
    private String nextXmlEntry() {
        try {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (isXmlEntry(entry)) return name;
                new GuardedStream(zip).drain(); // unpack what is skipped under the same guard
            }
            return null;
        } catch (UnusableFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damagedZip(e);
        }
    }

    private static boolean isXmlEntry(ZipEntry entry) {
        String name = entry.getName();
        if (entry.isDirectory() || name.startsWith("__MACOSX/")) return false;
        String base = name.substring(name.lastIndexOf('/') + 1);
        return !base.startsWith(".") && base.toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /** Parses one document; returns its row, or null after recording an issue or counting it as skipped. */
    private String[] readDocument(String name, long line, GuardedStream in) {
        Cfdi doc = new Cfdi();
        try {
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(in);
            try {
                parse(xml, doc);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            in.rethrowFailure();
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            issue(line, name, "", "El XML está mal formado: " + detail, "The XML is malformed: " + detail);
            return null;
        }
        in.rethrowFailure();

        if (!"Comprobante".equals(doc.rootName) || !CFDI_NS.equals(doc.rootNs)) {
            if ("Comprobante".equals(doc.rootName) && CFDI33_NS.equals(doc.rootNs)) {
                issue(line, name, doc.version, "Es un CFDI 3.3; solo se importan CFDI 4.0.",
                        "It is a CFDI 3.3; only CFDI 4.0 is imported.");
            } else {
                String found = doc.rootNs == null || doc.rootNs.isEmpty()
                        ? doc.rootName : "{" + doc.rootNs + "}" + doc.rootName;
                issue(line, name, found, "No es un CFDI 4.0: la raíz no es cfdi:Comprobante del espacio " + CFDI_NS + ".",
                        "It is not a CFDI 4.0: the root is not cfdi:Comprobante of namespace " + CFDI_NS + ".");
            }
            return null;
        }
        if (!"4.0".equals(doc.version)) {
            issue(line, name, doc.version, "No es un CFDI 4.0: Version=\"" + doc.version + "\".",
                    "It is not a CFDI 4.0: Version=\"" + doc.version + "\".");
            return null;
        }
        if (doc.type == null || doc.type.isBlank()) {
            issue(line, name, "", "El CFDI no indica TipoDeComprobante.", "The CFDI has no TipoDeComprobante.");
            return null;
        }
        if (!"I".equals(doc.type.strip())) {
            skipped++;
            return null;
        }
        if (doc.uuid == null || doc.uuid.isBlank()) {
            issue(line, name, "", "El CFDI no está timbrado: falta el UUID del TimbreFiscalDigital.",
                    "The CFDI is not stamped: the TimbreFiscalDigital UUID is missing.");
            return null;
        }
        return toRow(doc);
    }

    private String[] toRow(Cfdi doc) {
        String[] row = new String[HEADER.size()];
        Arrays.fill(row, "");
        String rfc = nz(doc.rfc);
        set(row, CanonicalColumn.CUSTOMER_ID, rfc);
        set(row, CanonicalColumn.CUSTOMER_NAME, nz(doc.receiverName));
        set(row, CanonicalColumn.CUSTOMER_TYPE, rfc.isEmpty() ? "" : rfc.length() == 12 ? "COMPANY" : "PERSON");
        set(row, CanonicalColumn.TAX_ID, rfc);
        set(row, CanonicalColumn.POSTAL_CODE, nz(doc.postalCode));
        set(row, CanonicalColumn.OBLIGATION_ID, doc.uuid.strip().toUpperCase(Locale.ROOT));
        set(row, CanonicalColumn.OBLIGATION_KIND, "INVOICE");
        set(row, CanonicalColumn.PRODUCT, truncate(nz(doc.description), MAX_PRODUCT_LENGTH));
        set(row, CanonicalColumn.CURRENCY, nz(doc.currency));
        set(row, CanonicalColumn.ORIGINAL_AMOUNT, nz(doc.total));
        set(row, CanonicalColumn.BALANCE, nz(doc.total));
        String fecha = nz(doc.date);
        int t = fecha.indexOf('T');
        String issueText = t >= 0 ? fecha.substring(0, t) : fecha;
        set(row, CanonicalColumn.ISSUE_DATE, issueText);
        String method = nz(doc.paymentMethod);
        try {
            LocalDate issued = LocalDate.parse(issueText);
            if ("PUE".equals(method)) set(row, CanonicalColumn.DUE_DATE, issued.toString());
            else if ("PPD".equals(method)) set(row, CanonicalColumn.DUE_DATE, issued.plusDays(ppdTermDays).toString());
        } catch (DateTimeParseException e) {
            // left empty: the validator rejects the row for its issue and due dates
        }
        row[HEADER.size() - 1] = method;
        return row;
    }

    /** What is read from one XML. */
    private static final class Cfdi {
        String rootNs, rootName, version, date, total, currency, type, paymentMethod;
        String rfc, receiverName, postalCode, description, uuid;
    }

    private static void parse(XMLStreamReader xml, Cfdi doc) throws XMLStreamException {
        String[] path = new String[8];   // local names of the open cfdi elements, by depth (1 = root)
        int depth = 0;
        boolean inComplemento = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String ns = xml.getNamespaceURI();
                String local = xml.getLocalName();
                if (depth < path.length) path[depth] = CFDI_NS.equals(ns) ? local : "";
                if (depth == 1) {
                    doc.rootNs = ns == null ? "" : ns;
                    doc.rootName = local;
                    doc.version = xml.getAttributeValue(null, "Version");
                    if (!CFDI_NS.equals(ns) || !"Comprobante".equals(local)) return; // not a CFDI 4.0: stop here
                    doc.date = xml.getAttributeValue(null, "Fecha");
                    doc.total = xml.getAttributeValue(null, "Total");
                    doc.currency = xml.getAttributeValue(null, "Moneda");
                    doc.type = xml.getAttributeValue(null, "TipoDeComprobante");
                    doc.paymentMethod = xml.getAttributeValue(null, "MetodoPago");
                } else if (depth == 2 && CFDI_NS.equals(ns) && "Receptor".equals(local)) {
                    doc.rfc = xml.getAttributeValue(null, "Rfc");
                    doc.receiverName = xml.getAttributeValue(null, "Nombre");
                    doc.postalCode = xml.getAttributeValue(null, "DomicilioFiscalReceptor");
                } else if (depth == 2 && CFDI_NS.equals(ns) && "Complemento".equals(local)) {
                    inComplemento = true;
                } else if (depth == 3 && CFDI_NS.equals(ns) && "Concepto".equals(local)
                        && "Conceptos".equals(path[2]) && doc.description == null) {
                    doc.description = xml.getAttributeValue(null, "Descripcion");
                } else if (inComplemento && TFD_NS.equals(ns) && "TimbreFiscalDigital".equals(local)
                        && doc.uuid == null) {
                    doc.uuid = xml.getAttributeValue(null, "UUID");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2 && "Complemento".equals(path[2])) inComplemento = false;
                depth--;
            }
        }
    }

    private void issue(long line, String entry, String value, String es, String en) {
        issues.add(ImportIssue.error(line, entry, value == null ? "" : value, es, en));
    }

    private static void set(String[] row, CanonicalColumn column, String value) {
        row[column.ordinal()] = value;
    }

    private static String nz(String s) { return s == null ? "" : s.strip(); }

    private static String truncate(String s, int maxCodePoints) {
        return s.codePointCount(0, s.length()) <= maxCodePoints ? s : s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
    }

    /** Entry names without the zip's UTF-8 flag are in the DOS code page, as Windows' own zipper writes them. */
    private static Charset legacyNameCharset() {
        return Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;
    }

    private static UnusableFileException damagedZip(Exception cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new UnusableFileException(
                "El archivo ZIP está dañado o incompleto (" + detail + ").",
                "The zip file is damaged or incomplete (" + detail + ").", cause);
    }

    private static UnusableFileException tooLarge() {
        return new UnusableFileException(
                "Un archivo dentro del ZIP ocupa más de 20 MB al descomprimirse; no se procesa (posible bomba ZIP).",
                "A file inside the zip expands beyond 20 MB; it is not processed (possible zip bomb).");
    }

    /**
     * The current entry's bytes, counted: past {@link #MAX_ENTRY_BYTES} reading fails; a failure of the archive
     * itself (damaged deflate data, truncation) is remembered so that it is not mistaken for a malformed XML.
     * Closing it leaves the archive open.
     */
    private static final class GuardedStream extends FilterInputStream {
        private long count;
        private boolean tooLarge;
        private IOException failure;

        GuardedStream(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (tooLarge) throw new IOException("entry larger than " + MAX_ENTRY_BYTES + " bytes");
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, MAX_ENTRY_BYTES + 1 - count));
            } catch (IOException e) {
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                failure = new IOException(e);
                throw e;
            }
            if (n > 0) {
                count += n;
                if (count > MAX_ENTRY_BYTES) {
                    tooLarge = true;
                    throw new IOException("entry larger than " + MAX_ENTRY_BYTES + " bytes");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int read = read(new byte[(int) Math.min(Math.max(n, 0), 8192)]);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() { return false; }

        @Override
        public void close() {
            // the archive stays open for the next entry
        }

        /** Throws what made reading fail because of the archive, not of the XML. */
        void rethrowFailure() {
            if (tooLarge) throw tooLarge();
            if (failure instanceof ZipException || failure instanceof EOFException) throw damagedZip(failure);
            if (failure != null) {
                throw new UnusableFileException(
                        "No se pudo leer el archivo (" + failure.getMessage() + ").",
                        "The file could not be read (" + failure.getMessage() + ").", failure);
            }
        }

        /** Reads the rest of the entry, under the guard. */
        void drain() {
            byte[] buffer = new byte[8192];
            try {
                while (read(buffer, 0, buffer.length) >= 0) {
                    // discard
                }
            } catch (IOException | RuntimeException e) {
                if (failure == null && !tooLarge) failure = e instanceof IOException io ? io : new IOException(e);
            }
            rethrowFailure();
        }
    }
}
