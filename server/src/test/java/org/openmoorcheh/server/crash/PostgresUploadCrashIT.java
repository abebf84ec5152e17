package org.openmoorcheh.server.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openmoorcheh.store.postgres.PostgresServer;

/**
 * {@link UploadCrashIT} on PostgreSQL (a real server the test starts): rounds of SIGKILL while
 * uploads stream into the node; each restarted node is a new node for the job leases, so it takes
 * over the dead node's jobs once their lease expires (2 s here). Every acknowledged item must be
 * stored once, with its upload's metadata.
 */
class PostgresUploadCrashIT extends UploadCrashIT {

    private String url;

    @BeforeEach
    void database() {
        url = PostgresServer.shared().freshDatabase();
    }

    @AfterEach
    void dropDatabase() {
        PostgresServer.shared().drop(url);
    }

    @Override
    protected Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>(UNLIMITED);
        env.put("MOORCHEH_DATABASE_URL", url);
        env.put("MOORCHEH_JOB_LEASE_SECONDS", "2");
        return env;
    }

    @Override
    protected String databaseUrl() {
        return url;
    }

    @Override
    protected String tagAndVectorBytes() {
        return "i.metadata::jsonb ->> 'tag', octet_length(i.vector)";
    }

    /** PostgreSQL recovers from its own WAL; what is checked instead is that the counts agree with the rows. */
    @Override
    protected String integrity() throws Exception {
        try (Connection raw = DriverManager.getConnection(url);
             Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery("SELECT (SELECT COALESCE(SUM(item_count), 0) FROM namespaces)"
                     + " = (SELECT COUNT(*) FROM items)")) {
            rows.next();
            return rows.getBoolean(1) ? "ok" : "item counts differ from the items stored";
        }
    }
}
