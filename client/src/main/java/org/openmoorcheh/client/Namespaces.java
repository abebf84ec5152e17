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
