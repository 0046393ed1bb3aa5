package mx.recaudo.portfolio.importing;

/** The file as a whole cannot be imported (not a CSV/XLSX/zip, no header, required columns missing…). */
public class UnusableFileException extends RuntimeException {
    private final String reasonEs;

    public UnusableFileException(String reasonEs, String reasonEn) {
        super(reasonEn);
        this.reasonEs = reasonEs;
    }

    public UnusableFileException(String reasonEs, String reasonEn, Throwable cause) {
        super(reasonEn, cause);
        this.reasonEs = reasonEs;
    }

    public String reasonEs() { return reasonEs; }

    public String reasonEn() { return getMessage(); }
}
