package org.openmoorcheh.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmoorcheh.engine.text.RecursiveChunker;
import org.openmoorcheh.server.api.AccessGuard;
import org.openmoorcheh.server.api.AdminHandlers;
import org.openmoorcheh.server.api.AnswerHandlers;
import org.openmoorcheh.server.api.CloudHandlers;
import org.openmoorcheh.server.api.ConsoleHandlers;
import org.openmoorcheh.server.api.FileHandlers;
import org.openmoorcheh.server.api.HealthHandlers;
import org.openmoorcheh.server.api.ApiDocument;
import org.openmoorcheh.server.api.DocsHandlers;
import org.openmoorcheh.server.api.HttpApp;
import org.openmoorcheh.server.api.ItemHandlers;
import org.openmoorcheh.server.api.Jsons;
import org.openmoorcheh.server.api.NamespaceHandlers;
import org.openmoorcheh.server.api.OperationsHandlers;
import org.openmoorcheh.server.api.RequestBodies;
import org.openmoorcheh.server.api.Routes;
import org.openmoorcheh.server.api.SearchHandlers;
import org.openmoorcheh.server.config.SecurityConfig;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.server.files.AllowedFiles;
import org.openmoorcheh.server.files.DocumentParser;
import org.openmoorcheh.server.files.FileChunker;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.server.jobs.FileDeleteWork;
import org.openmoorcheh.server.jobs.FileIngestWork;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.server.jobs.NamespaceDeleteWork;
import org.openmoorcheh.server.jobs.UploadWork;
import org.openmoorcheh.server.ops.MeteredEmbedder;
import org.openmoorcheh.server.ops.MeteredLlm;
import org.openmoorcheh.server.ops.Metrics;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.Embedders;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.Llm;
import org.openmoorcheh.server.providers.Llms;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.openmoorcheh.server.service.AnswerService;
import org.openmoorcheh.server.service.ApiKeyService;
import org.openmoorcheh.server.service.FileService;
import org.openmoorcheh.server.service.ItemService;
import org.openmoorcheh.server.service.NamespaceService;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.server.service.StatusService;
import org.openmoorcheh.server.service.UploadService;
import org.openmoorcheh.server.service.UploadUrls;
import org.openmoorcheh.server.startup.Recovery;
import org.openmoorcheh.server.startup.WarmUp;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server, wired through constructors: {@link Recovery} opens the store and rebuilds the
 * indexes, then the providers, job runner, services and handlers are built on them and
 * {@link HttpApp} assembles the HTTP application. Nothing here decides anything but the order.
 * There is no static state, so a test can run several servers side by side. {@link #close()} stops
 * the HTTP listener first (no new work), then the job runner and the change follower, then the store.
 */
public final class ServerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);

    private final ServerConfig config;
    /** The store, the indexes and the follower, as start-up recovery left them. */
    private final Recovery.Recovered recovered;
    private final Store store;
    private final EmbeddingModels embedders;
    private final WarmUp warmUp;
    private final Optional<Llm> llm;
    private final AllowedFiles allowedFiles;
    private final JobRunner jobs;
    private final ExecutorService searchPool;
    private final SearchIndex index;
    private final Javalin http;
    private final Metrics metrics;
    private volatile boolean started;

    private ServerApp(ServerConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        this.store = Recovery.openStore(config.storage());
        this.metrics = new Metrics(store, config.limits().maxItems());
        ApiKeyService keys;
        try {
            keys = new ApiKeyService(store.apiKeys(), clock, config.security().adminKey());
            refuseOpenAccess(config, keys);
            Embedder configured = Embedders.fromConfig(config.providers());
            this.embedders = new EmbeddingModels(new MeteredEmbedder(configured, metrics),
                    model -> new MeteredEmbedder(new LocalEmbedder(model), metrics));
            // Loads the local model while the indexes are rebuilt; /ready waits for it.
            this.warmUp = WarmUp.start(configured);
            this.llm = Llms.fromConfig(config.providers()).map(model -> new MeteredLlm(model, metrics));
            this.allowedFiles = new AllowedFiles(config.ingestion().allowedUploadPaths(), config.limits().maxFileBytes());
        } catch (RuntimeException e) {
            metrics.close();
            store.close();
            throw e;
        }
        ObjectMapper mapper = Jsons.newMapper();
        try {
            this.recovered = Recovery.recover(store, config.storage());
        } catch (RuntimeException e) {
            warmUp.close();
            embedders.close();
            llm.ifPresent(Llm::close);
            metrics.close();
            throw e;
        }
        this.index = recovered.index();
        ItemListener listener = recovered.listener();
        metrics.indexMemory(index, SearchIndex::codeBytes, SearchIndex::vectorBytes);
        metrics.functionCounter("moorcheh_items_stored", index, SearchIndex::itemsStored);
        WriteOrder writes = recovered.follower() != null ? WriteOrder.followingTheLog() : new WriteOrder();
        this.jobs = new JobRunner(store, clock, Map.of(
                JobKind.UPLOAD, new UploadWork(store, clock, embedders, listener, writes),
                JobKind.NAMESPACE_DELETE,
                new NamespaceDeleteWork(store, clock, config.storage().deleteBatchSize(), listener, writes),
                JobKind.FILE_INGEST, new FileIngestWork(store, clock, allowedFiles, new DocumentParser(),
                        new FileChunker(new RecursiveChunker(config.ingestion().chunkSize(), config.ingestion().chunkOverlap()), llm, mapper),
                        embedders, listener, writes, config.limits().maxItems()),
                JobKind.FILE_DELETE, new FileDeleteWork(store, clock, listener, writes)), config.storage().jobLease(),
                config.limits().maxQueuedJobs());
        jobs.observe((job, state, nanos) -> metrics.jobFinished(job.kind().name().toLowerCase(java.util.Locale.ROOT),
                state, nanos));
        AtomicInteger searchThreads = new AtomicInteger();
        this.searchPool = Executors.newFixedThreadPool(config.search().threads(), task -> {
            Thread thread = new Thread(task, "moorcheh-search-" + searchThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

        RequestBodies bodies = new RequestBodies(mapper, config.limits().maxRequestBytes());
        StatusService statusService = new StatusService(config.providers(), config.limits().maxItems(), store);
        HealthHandlers health = new HealthHandlers(statusService);
        NamespaceService namespaceService = new NamespaceService(store, clock, jobs, embedders);
        NamespaceHandlers namespaces = new NamespaceHandlers(namespaceService, bodies);
        UploadService uploadService = new UploadService(store, clock, jobs, namespaceService, listener, writes,
                config.limits().maxItems());
        ItemService itemService = new ItemService(store, namespaceService, listener, writes, index,
                config.storage().deleteBatchSize());
        ItemHandlers items = new ItemHandlers(uploadService, itemService, bodies, mapper);
        SearchService searchService = new SearchService(store, index, embedders, searchPool, config.search().threads(),
                config.search().defaultMode());
        SearchHandlers search = new SearchHandlers(searchService, bodies, mapper);
        FileService fileService = new FileService(store, clock, jobs, namespaceService, allowedFiles);
        FileHandlers files = new FileHandlers(fileService, bodies, mapper);
        AnswerService answerService = new AnswerService(namespaceService, searchService, llm, mapper);
        AnswerHandlers answers = new AnswerHandlers(answerService, bodies);
        CloudHandlers cloud = new CloudHandlers(namespaceService, uploadService, itemService, fileService,
                new UploadUrls(clock), searchService, answerService, bodies, mapper, items);
        AdminHandlers admin = new AdminHandlers(keys, bodies, store, config.storage().dataDir(), !config.storage().sharedDatabase());
        OperationsHandlers operations = new OperationsHandlers(metrics, statusService, () -> started && warmUp.done());
        AccessGuard guard = new AccessGuard(config.security(), config.http().host(), keys);

        this.http = HttpApp.create(new Routes.Handlers(health, namespaces, items, search, answers, files, admin,
                operations, cloud, new ConsoleHandlers(statusService), new DocsHandlers(ApiDocument.load())), mapper, config.limits(), config.security(),
                guard, metrics);
    }

    /** Opens the store, rebuilds the search index, resumes unfinished jobs and starts listening. */
    public static ServerApp start(ServerConfig config) {
        ServerApp app = new ServerApp(config);
        try {
            if (app.recovered.follower() != null) {
                app.recovered.follower().start();
            }
            app.jobs.start();
            app.http.start(config.http().host(), config.http().port());
            if (app.http.jettyServer().server().getThreadPool()
                    instanceof org.eclipse.jetty.util.thread.QueuedThreadPool pool) {
                app.metrics.threadPool(pool, p -> p.getBusyThreads(), p -> p.getMaxThreads());
            }
            app.started = true;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("listening on http://{}:{} with data in {}", config.http().host(), app.port(), config.storage().dataDir());
        return app;
    }

    /** The port actually bound (useful when the configuration asked for port 0). */
    public int port() {
        return http.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** Every route this server answers, as "METHOD /template" (what /openapi.json must list). */
    public java.util.List<String> routes() {
        java.util.Set<String> methods = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
        return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(entry -> methods.contains(entry.getEndpoint().getMethod().name()))
                .map(entry -> entry.getEndpoint().getMethod().name() + " " + entry.getEndpoint().getPath())
                .distinct().sorted().toList();
    }

    @Override
    public void close() {
        http.stop();
        jobs.close();
        if (recovered.follower() != null) {
            recovered.follower().close(); // no more changes into the index from here
        }
        searchPool.shutdownNow();
        warmUp.close();
        embedders.close();
        llm.ifPresent(Llm::close);
        metrics.close();
        recovered.close();
        LOG.info("stopped");
    }

    /**
     * A server reachable from other machines with no API key would let anyone delete everything;
     * it starts only when told that this is meant.
     */
    private static void refuseOpenAccess(ServerConfig config, ApiKeyService keys) {
        if (!SecurityConfig.isLoopback(config.http().host()) && !keys.enabled() && !config.security().allowUnauthenticated()) {
            throw new IllegalArgumentException("SERVER_HOST " + config.http().host() + " serves other machines, and no API key"
                    + " is configured. Set MOORCHEH_ADMIN_KEY (at least " + SecurityConfig.MIN_KEY_LENGTH
                    + " characters) to require keys, or MOORCHEH_ALLOW_UNAUTHENTICATED=true to serve without them.");
        }
    }
}
