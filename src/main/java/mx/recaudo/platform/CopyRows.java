package mx.recaudo.platform;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Builds rows in PostgreSQL's COPY text format and sends them in one COPY ... FROM STDIN. COPY cannot
 * target a table under row-level security: copy into a temp staging table, then INSERT ... SELECT.
 */
public final class CopyRows {
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private boolean firstInRow = true;
    private int rows;

    public CopyRows add(Object value) {
        if (!firstInRow) buffer.append('\t');
        firstInRow = false;
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL
                default -> buffer.append(c);
            }
        }
        return this;
    }

    public CopyRows endRow() {
        buffer.append('\n');
        firstInRow = true;
        rows++;
        return this;
    }

    public int rows() { return rows; }

    public long copyInto(Connection connection, String copySql) throws SQLException {
        if (rows == 0) return 0;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
            buffer.setLength(0);
            rows = 0;
        }
    }
}
