package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;

/** The API keys of the server. Revoked keys are removed, not kept. Every call is durable when it returns. */
public interface ApiKeys {

    void create(ApiKey key);

    /** Every key, oldest first. */
    List<ApiKey> list();

    /** @return false when no key has this id */
    boolean revoke(String id);

    /** Records that a request carried the key. */
    void touch(String id, Instant usedAt);
}
