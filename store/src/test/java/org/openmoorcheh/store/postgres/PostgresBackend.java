package org.openmoorcheh.store.postgres;

import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreBackend;

/** Each store on a new database of the JVM's test server. */
public final class PostgresBackend implements StoreBackend {

    private String url;

    public String url() {
        return url;
    }

    @Override
    public Store openFresh() {
        url = PostgresServer.shared().freshDatabase();
        return PostgresStore.open(url);
    }

    @Override
    public Store reopen(Store current) {
        current.close();
        return PostgresStore.open(url);
    }

    @Override
    public Store openSibling() {
        return PostgresStore.open(url);
    }

    @Override
    public void discard() {
        PostgresServer.shared().drop(url);
    }

    @Override
    public boolean sharedByNodes() {
        return true;
    }
}
