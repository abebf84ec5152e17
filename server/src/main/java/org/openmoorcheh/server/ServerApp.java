package org.openmoorcheh.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmoorcheh.engine.text.RecursiveChunker;
import org.openmoorcheh.server.api.AnswerHandlers;
import org.openmoorcheh.server.api.ErrorMapping;
import org.openmoorcheh.server.api.FileHandlers;
import org.openmoorcheh.server.api.HealthHandlers;
import org.openmoorcheh.server.api.ItemHandlers;
import org.openmoorcheh.server.api.Jsons;
import org.openmoorcheh.server.api.NamespaceHandlers;
import org.openmoorcheh.server.api.RequestBodies;
import org.openmoorcheh.server.api.Routes;
import org.openmoorcheh.server.api.SearchHandlers;
import org.openmoorcheh.server.files.AllowedFiles;
import org.openmoorcheh.server.files.DocumentParser;
import org.openmoorcheh.server.files.FileChunker;
import org.openmoorcheh.server.jobs.FileDeleteWork;
import org.openmoorcheh.server.jobs.FileIngestWork;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.server.jobs.NamespaceDeleteWork;
import org.openmoorcheh.server.jobs.UploadWork;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.Embedders;
import org.openmoorcheh.server.providers.Llm;
import org.openmoorcheh.server.providers.Llms;
import org.openmoorcheh.server.service.AnswerService;
import org.openmoorcheh.server.service.FileService;
import org.openmoorcheh.server.service.ItemService;
import org.openmoorcheh.server.service.SearchIndex;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.server.service.NamespaceService;
import org.openmoorcheh.server.service.StatusService;
import org.openmoorcheh.server.service.UploadService;
import org.openmoorcheh.server.service.WriteOrder;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.sqlite.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: store, job runner, services and the HTTP app, wired through constructors.
 * There is no static state, so a test can run several servers side by side. {@link #close()} stops
 * the HTTP listener first (no new work), then the job runner, then the store.
 */
public final class ServerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);

    private final ServerConfig config;
    private final Store store;
    private final Embedder embedder;
    private final Optional<Llm> llm;
    private final AllowedFiles allowedFiles;
    private final JobRunner jobs;
    private final ExecutorService searchPool;
    private final Javalin http;

    private ServerApp(ServerConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        this.store = SqliteStore.open(config.databaseFile());
        try {
            this.embedder = Embedders.fromConfig(config);
            this.llm = Llms.fromConfig(config);
            this.allowedFiles = new AllowedFiles(config.allowedUploadPaths(), config.maxFileBytes());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        ObjectMapper mapper = Jsons.newMapper();
        SearchIndex index = new SearchIndex(store);
        index.rebuild();
        WriteOrder writes = new WriteOrder();
        this.jobs = new JobRunner(store, clock, Map.of(
                JobKind.UPLOAD, new UploadWork(store, clock, embedder, index, writes),
                JobKind.NAMESPACE_DELETE,
                new NamespaceDeleteWork(store, clock, config.deleteBatchSize(), index, writes),
                JobKind.FILE_INGEST, new FileIngestWork(store, clock, allowedFiles, new DocumentParser(),
                        new FileChunker(new RecursiveChunker(config.chunkSize(), config.chunkOverlap()), llm, mapper),
                        embedder, index, writes, config.maxItems()),
                JobKind.FILE_DELETE, new FileDeleteWork(store, clock, index, writes)));
        AtomicInteger searchThreads = new AtomicInteger();
        this.searchPool = Executors.newFixedThreadPool(config.searchThreads(), task -> {
            Thread thread = new Thread(task, "moorcheh-search-" + searchThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

        RequestBodies bodies = new RequestBodies(mapper, config.maxRequestBytes());
        HealthHandlers health = new HealthHandlers(new StatusService(config, store));
        NamespaceService namespaceService = new NamespaceService(store, clock, jobs,
                embedder.space());
        NamespaceHandlers namespaces = new NamespaceHandlers(namespaceService, bodies);
        ItemHandlers items = new ItemHandlers(
                new UploadService(store, clock, jobs, namespaceService, index, writes, config.maxItems()),
                new ItemService(store, namespaceService, index, writes), bodies, mapper);
        SearchService searchService = new SearchService(store, index, embedder, searchPool, config.searchThreads());
        SearchHandlers search = new SearchHandlers(searchService, bodies, mapper);
        FileHandlers files = new FileHandlers(
                new FileService(store, clock, jobs, namespaceService, allowedFiles), bodies, mapper);
        AnswerHandlers answers = new AnswerHandlers(
                new AnswerService(namespaceService, searchService, llm, mapper), bodies);

        this.http = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.jetty.multipartConfig.maxFileSize(config.maxFileBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxTotalRequestSize(config.maxFileBytes() + 1024 * 1024, SizeUnit.BYTES);
            javalin.http.prefer405over404 = true;
            javalin.router.ignoreTrailingSlashes = true;
            javalin.router.apiBuilder(Routes.of(health, namespaces, items, search, answers, files));
            ErrorMapping.configureJetty(javalin);
            javalin.requestLogger.http((ctx, millis) -> LOG.info("{} {} -> {} ({} ms)",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
        });
        ErrorMapping.register(http);
    }

    /** Opens the store, rebuilds the search index, resumes unfinished jobs and starts listening. */
    public static ServerApp start(ServerConfig config) {
        ServerApp app = new ServerApp(config);
        try {
            app.jobs.start();
            app.http.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("listening on http://{}:{} with data in {}", config.host(), app.port(), config.dataDir());
        return app;
    }

    /** The port actually bound (useful when the configuration asked for port 0). */
    public int port() {
        return http.port();
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        http.stop();
        jobs.close();
        searchPool.shutdownNow();
        embedder.close();
        llm.ifPresent(Llm::close);
        store.close();
        LOG.info("stopped");
    }
}
