package mx.recaudo.platform;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds rows in PostgreSQL's COPY text format and sends them in one COPY ... FROM STDIN. COPY cannot
 * target a table under row-level security: copy into a temp staging table, then INSERT ... SELECT.
 * <p>
 * Rows are encoded to UTF-8 as they are added, into fixed-size chunks: a large payload never becomes
 * one huge array (which the garbage collector handles badly) and is never copied again before sending.
 */
public final class CopyRows {
    private static final int CHUNK = 64 * 1024;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] chunk = new byte[CHUNK];
    private int pos;
    private boolean firstInRow = true;
    private int rows;

    public CopyRows add(Object value) {
        if (!firstInRow) put((byte) '\t');
        firstInRow = false;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        String s = value.toString();
        int n = s.length();
        if (pos + n <= CHUNK && plain(s)) {
            // Most values (numbers, ids, dates, keys) are ASCII with nothing to escape: copied as they are.
            s.getBytes(0, n, chunk, pos);
            pos += n;
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                    case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                    case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                    case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                    case '\0' -> { } // PostgreSQL text cannot hold NUL
                    default -> put((byte) c);
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?'); // a lone surrogate has no UTF-8 form; String.getBytes does the same
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }
        return this;
    }

    public CopyRows endRow() {
        put((byte) '\n');
        firstInRow = true;
        rows++;
        return this;
    }

    public int rows() { return rows; }

    /** Bytes encoded so far. */
    public long size() { return (long) full.size() * CHUNK + pos; }

    /** Sends the rows and empties this builder, whether the COPY succeeds or not. */
    public long copyInto(Connection connection, String copySql) throws SQLException {
        if (rows == 0) return 0;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            for (byte[] c : full) copy.writeToCopy(c, 0, c.length);
            copy.writeToCopy(chunk, 0, pos);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
            clear();
        }
    }

    public void clear() {
        full.clear();
        pos = 0;
        rows = 0;
        firstInRow = true;
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '\\' || c < ' ') return false;
        }
        return true;
    }

    private void put(byte b) {
        if (pos == CHUNK) {
            full.add(chunk);
            chunk = new byte[CHUNK];
            pos = 0;
        }
        chunk[pos++] = b;
    }
}
