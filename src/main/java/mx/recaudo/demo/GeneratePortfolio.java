package mx.recaudo.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Command line: writes a synthetic portfolio CSV.
 *
 * <pre>
 * GeneratePortfolio --customers 1000000 --out /path/file.csv [--seed 42] [--as-of 2026-11-23] [--dirty-rate 0.01]
 * </pre>
 *
 * {@code --out -} writes to standard output (the summary then goes to standard error). Without
 * {@code --as-of} the portfolio is generated as of today. Prints the number of data lines written
 * (one per obligation, the header not counted).
 */
public final class GeneratePortfolio {

    private GeneratePortfolio() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e);
            System.exit(1);
        }
    }

    static String usage() {
        return "usage: GeneratePortfolio --customers N --out FILE|- [--seed 42] [--as-of YYYY-MM-DD] [--dirty-rate 0.01]";
    }

    static int run(String[] args) throws IOException {
        Integer customers = null;
        String out = null;
        long seed = 42;
        LocalDate asOf = LocalDate.now();
        double dirtyRate = PortfolioGenerator.DEFAULT_DIRTY_RATE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage());
                return 0;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
            String v = args[++i];
            try {
                switch (a) {
                    case "--customers" -> customers = Integer.parseInt(v.replace("_", ""));
                    case "--out" -> out = v;
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--as-of" -> asOf = LocalDate.parse(v);
                    case "--dirty-rate" -> dirtyRate = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("bad value for " + a + ": " + v);
            }
        }
        if (customers == null || customers < 0) throw new IllegalArgumentException("--customers N (N >= 0) is required");
        if (out == null) throw new IllegalArgumentException("--out is required");

        PortfolioGenerator generator = new PortfolioGenerator(seed, asOf, dirtyRate);
        boolean toStdout = out.equals("-");
        long start = System.nanoTime();
        long lines;
        OutputStream stream = toStdout ? System.out : Files.newOutputStream(Path.of(out));
        try (OutputStream buffered = new BufferedOutputStream(stream, 1 << 16)) {
            lines = generator.writeCsv(buffered, customers);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rate = seconds > 0 ? Math.round(lines / seconds) : lines;
        (toStdout ? System.err : System.out).println(lines + " lines written (plus header) for " + customers
            + " customers to " + out + " in " + Math.round(seconds * 100) / 100.0 + " s (" + rate + " lines/s)");
        return 0;
    }
}
