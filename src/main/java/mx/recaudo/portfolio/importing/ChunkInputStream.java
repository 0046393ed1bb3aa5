package mx.recaudo.portfolio.importing;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/** Reads a stored upload back chunk by chunk, so only one chunk is in memory at a time. */
final class ChunkInputStream extends InputStream {
    private final JdbcClient jdbc;
    private final UUID importId;
    private int nextSeq;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean exhausted;

    ChunkInputStream(JdbcClient jdbc, UUID importId) {
        this.jdbc = jdbc;
        this.importId = importId;
    }

    @Override
    public int read() throws IOException {
        if (!ensure()) return -1;
        return chunk[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!ensure()) return -1;
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean ensure() {
        while (pos >= chunk.length) {
            if (exhausted) return false;
            byte[] next = jdbc.sql("select data from import_file_chunk where import_id = ? and seq = ?")
                    .params(importId, nextSeq++).query(byte[].class).optional().orElse(null);
            if (next == null) {
                exhausted = true;
                return false;
            }
            chunk = next;
            pos = 0;
        }
        return true;
    }
}
