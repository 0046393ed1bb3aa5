package mx.recaudo.portfolio.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Where an import reports as it goes: issues and running counts, written in each batch's transaction. */
interface ImportProgress {
    void record(Connection connection, List<ImportIssue> issues, ImportCounts counts) throws SQLException;
}
