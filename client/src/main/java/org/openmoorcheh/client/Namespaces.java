package org.openmoorcheh.client;

import static org.openmoorcheh.client.Transport.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.client.model.DeleteJob;
import org.openmoorcheh.client.model.JobStarted;
import org.openmoorcheh.client.model.NamespaceCreated;
import org.openmoorcheh.client.model.NamespaceInfo;

/** Creating, listing and deleting namespaces. */
public final class Namespaces {

    private final Transport transport;

    Namespaces(Transport transport) {
        this.transport = transport;
    }

    public NamespaceCreated createText(String name) {
        return create(name, "text", null);
    }

    public NamespaceCreated createVector(String name, int dimension) {
        return create(name, "vector", dimension);
    }

    /** @param type {@code text} or {@code vector}; {@code vectorDimension} only for vector namespaces */
    public NamespaceCreated create(String name, String type, Integer vectorDimension) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace_name", name);
        body.put("type", type);
        if (vectorDimension != null) {
            body.put("vector_dimension", vectorDimension);
        }
        return transport.convert(transport.post("/namespaces", body), NamespaceCreated.class);
    }

    /**
     * A vector namespace ready to use: the existing one when it is a vector namespace of
     * {@code dimension} (any dimension when null), or a new one when missing and {@code create}.
     * Another process creating it at the same moment is fine.
     *
     * @throws IllegalStateException when it exists with another type or dimension, or is missing and
     *     may not be created (or {@code dimension} is null)
     */
    public NamespaceInfo ensureVector(String name, Integer dimension, boolean create) {
        NamespaceInfo existing = list().stream().filter(info -> info.namespaceName().equals(name)).findFirst()
                .orElse(null);
        if (existing != null) {
            if (!"vector".equals(existing.type())) {
                throw new IllegalStateException("namespace '" + name + "' is a " + existing.type()
                        + " namespace; a vector namespace is needed");
            }
            if (dimension != null && !dimension.equals(existing.vectorDimension())) {
                throw new IllegalStateException("namespace '" + name + "' holds vectors of "
                        + existing.vectorDimension() + " dimensions, not " + dimension);
            }
            return existing;
        }
        if (!create || dimension == null) {
            throw new IllegalStateException("namespace '" + name + "' does not exist"
                    + (create ? "; give its dimension to create it" : " and may not be created"));
        }
        try {
            createVector(name, dimension);
        } catch (MoorchehException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return ensureVector(name, dimension, false);
    }

    public List<NamespaceInfo> list() {
        return transport.mapper.convertValue(transport.get("/namespaces").path("namespaces"),
                new TypeReference<List<NamespaceInfo>>() { });
    }

    /** Starts deleting the namespace and its items; see {@link #deleteAndWait}. */
    public JobStarted delete(String name) {
        return transport.convert(transport.delete("/namespaces/" + segment(name)), JobStarted.class);
    }

    public DeleteJob deleteJob(String name, String jobId) {
        return transport.convert(transport.get("/namespaces/" + segment(name) + "/delete-jobs/" + segment(jobId)),
                DeleteJob.class);
    }

    public DeleteJob waitForDelete(String name, String jobId, Duration timeout, Duration interval) {
        return Polling.until(() -> deleteJob(name, jobId), DeleteJob::isRunning, timeout, interval,
                "delete job " + jobId);
    }

    /** Deletes the namespace and waits (polling every 200 ms) until its job ends. */
    public DeleteJob deleteAndWait(String name, Duration timeout) {
        return waitForDelete(name, delete(name).jobId(), timeout, Duration.ofMillis(200));
    }
}
