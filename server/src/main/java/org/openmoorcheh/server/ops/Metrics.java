package org.openmoorcheh.server.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.Store;

/**
 * The server's meters, scraped as Prometheus text from {@code GET /metrics}. Request timers are fed
 * by the HTTP layer (route template, method, status); jobs, providers and the index report through
 * the methods below; store-derived values (items per namespace, quota, running jobs) are read at
 * scrape time, so they are global even when another process wrote them.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Store store;
    private final MultiGauge namespaceItems;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /**
     * Request timers by series, found once: building a timer's id (tags sorted, histogram settings)
     * on every request cost more than recording into it. Routes are templates, so the map stays small.
     */
    private final Map<RequestSeries, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestSeries(String route, String method, int status) {
    }

    public Metrics(Store store, long maxItems) {
        this.store = store;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("moorcheh_items", store, Store::totalItems).description("Items stored across all namespaces")
                .register(registry);
        Gauge.builder("moorcheh_items_max", () -> maxItems).description("The global item cap (MOORCHEH_MAX_ITEMS)")
                .register(registry);
        Gauge.builder("moorcheh_quota_used_ratio", store, s -> maxItems == 0 ? 1.0 : (double) s.totalItems() / maxItems)
                .description("Items stored divided by the cap").register(registry);
        Gauge.builder("moorcheh_jobs_running", store, Store::runningJobs)
                .description("Jobs accepted and not yet finished (the job queue)").register(registry);
        this.namespaceItems = MultiGauge.builder("moorcheh_namespace_items")
                .description("Items per namespace").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition, with per-namespace gauges read now. */
    public String scrape() {
        List<Namespace> namespaces = store.listActiveNamespaces();
        namespaceItems.register(namespaces.stream()
                .map(ns -> MultiGauge.Row.of(Tags.of("namespace", ns.name()), ns.itemCount())).toList(), true);
        return registry.scrape();
    }

    /** One HTTP request; {@code route} is the template ({@code /namespaces/{namespace_name}/documents}). */
    public void request(String route, String method, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestSeries(route, method, status), series -> Timer
                .builder("moorcheh_http_requests")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A job ended with {@code state} ({@code completed}, {@code failed}, or {@code paused} by shutdown). */
    public void jobFinished(String kind, String state, long nanos) {
        Timer.builder("moorcheh_jobs").tags("kind", kind, "state", state).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One call to an embedding or LLM provider ({@code kind} is {@code embedding} or {@code llm}). */
    public void providerCall(String kind, String provider, String model, boolean ok, long nanos) {
        Timer.builder("moorcheh_provider_calls").tags("kind", kind, "provider", provider, "model", model,
                        "outcome", ok ? "success" : "failure")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Index memory: {@code codes} on the heap, {@code vectors} off it. */
    public <T> void indexMemory(T index, ToDoubleFunction<T> codeBytes, ToDoubleFunction<T> vectorBytes) {
        Gauge.builder("moorcheh_index_bytes", index, codeBytes).tag("part", "codes_heap").baseUnit("bytes")
                .register(registry);
        Gauge.builder("moorcheh_index_bytes", index, vectorBytes).tag("part", "vectors_off_heap").baseUnit("bytes")
                .register(registry);
    }

    /** Jetty's thread pool: busy and maximum threads. */
    public <T> void threadPool(T pool, ToDoubleFunction<T> busy, ToDoubleFunction<T> max) {
        Gauge.builder("moorcheh_http_threads_busy", pool, busy).register(registry);
        Gauge.builder("moorcheh_http_threads_max", pool, max).register(registry);
    }

    /** A monotonically increasing count read from elsewhere. */
    public <T> void functionCounter(String name, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
