package org.openmoorcheh.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads a server's SQLite file directly, the way an operator's sqlite3 shell would: for checks only. */
public final class RawDatabase {

    private RawDatabase() {
    }

    /** The first column of the first row of a query. @throws AssertionError when there is no row */
    public static String single(Path database, String query) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            if (!rows.next()) {
                throw new AssertionError("no row for " + query);
            }
            return rows.getString(1);
        }
    }
}
