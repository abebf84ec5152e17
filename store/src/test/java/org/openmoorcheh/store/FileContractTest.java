package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file registry and file jobs. Part of the {@link Store} contract; each implementation runs it. */
public abstract class FileContractTest extends StoreFixture {

    protected FileContractTest(StoreBackend backend) {
        super(backend);
    }

    private static final String FILE = "0123456789abcdef";

    private static FileEntry entry(int position, String fileId, String path) {
        return new FileEntry(position, fileId, path, path.substring(path.lastIndexOf('/') + 1), ".txt",
                "{\"team\":\"a\"}");
    }

    private static FileVersion version(FileEntry entry, int chunks) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            items.add(new Item(entry.fileId() + "_chunk_" + i, "text " + i, "{}", new float[] {1, i}, false));
        }
        items.add(new Item(entry.fileId() + "_summary_0", "summary", "{}", new float[] {1, 0}, true));
        return new FileVersion(entry, 42, T0, items, 1);
    }

    private Namespace textNamespace() {
        return store.createNamespace("docs", NamespaceType.TEXT, null, T0);
    }

    @Test
    void ingestRegistersTheFileAndCommitsItsChunks() {
        Namespace ns = textNamespace();
        FileEntry a = entry(0, FILE, "/uploads/a.txt");
        Job job = store.startFileIngest(ns.id(), "job-f", List.of(a), T0).orElseThrow();

        assertThat(job.kind()).isEqualTo(JobKind.FILE_INGEST);
        assertThat(job.fileId()).isEqualTo(FILE);
        assertThat(store.findFile(ns.id(), FILE).orElseThrow().status()).isEqualTo(FileStatus.PROCESSING);
        assertThat(store.pendingFiles("job-f")).containsExactly(a);

        store.commitFileVersion("job-f", version(a, 3), 100, T0);
        store.completeFileIngest("job-f", T0);

        FileRecord file = store.findFile(ns.id(), FILE).orElseThrow();
        assertThat(file.status()).isEqualTo(FileStatus.INDEXED);
        assertThat(file.chunkCount()).isEqualTo(3);
        assertThat(file.summaryCount()).isEqualTo(1);
        assertThat(file.fileSize()).isEqualTo(42);
        assertThat(store.findNamespace("docs").orElseThrow().itemCount()).isEqualTo(4);
        assertThat(store.pendingFiles("job-f")).isEmpty();
        assertThat(store.findJob("job-f").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aNewVersionReplacesTheOldChunksAndDropsTheSurplus() {
        Namespace ns = textNamespace();
        FileEntry a = entry(0, FILE, "/uploads/a.txt");
        store.startFileIngest(ns.id(), "job-1", List.of(a), T0);
        store.commitFileVersion("job-1", version(a, 5), 100, T0);
        store.completeFileIngest("job-1", T0);
        store.startFileIngest(ns.id(), "job-2", List.of(a), T0);

        List<String> removed = store.commitFileVersion("job-2", version(a, 2), 100, T0);

        assertThat(removed).containsExactlyInAnyOrder(FILE + "_chunk_2", FILE + "_chunk_3", FILE + "_chunk_4");
        assertThat(store.findNamespace("docs").orElseThrow().itemCount()).isEqualTo(3);
        assertThat(store.findFile(ns.id(), FILE).orElseThrow().chunkCount()).isEqualTo(2);
    }

    @Test
    void aVersionOverTheCapWritesNothing() {
        Namespace ns = textNamespace();
        FileEntry a = entry(0, FILE, "/uploads/a.txt");
        store.startFileIngest(ns.id(), "job-f", List.of(a), T0);

        assertThatThrownBy(() -> store.commitFileVersion("job-f", version(a, 10), 5, T0))
                .isInstanceOf(QuotaExceededException.class);
        store.failFile("job-f", FILE, "over the cap", T0);
        store.completeFileIngest("job-f", T0);

        assertThat(store.findNamespace("docs").orElseThrow().itemCount()).isZero();
        assertThat(store.findFile(ns.id(), FILE).orElseThrow().status()).isEqualTo(FileStatus.FAILED);
        Job job = store.findJob("job-f").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.lastError()).isEqualTo("over the cap");
    }

    @Test
    void aJobWorksThroughItsFilesInOrderAcrossReopen() {
        Namespace ns = textNamespace();
        FileEntry a = entry(0, FILE, "/uploads/a.txt");
        FileEntry b = entry(1, "fedcba9876543210", "/uploads/b.txt");
        store.startFileIngest(ns.id(), "job-f", List.of(a, b), T0);
        store.commitFileVersion("job-f", version(a, 1), 100, T0);
        store.reportFileProgress("job-f", 7, 3, 0, T0);

        store = reopen(store);

        assertThat(store.pendingFiles("job-f")).containsExactly(b);
        Job resumed = store.findJob("job-f").orElseThrow();
        assertThat(resumed.total()).isEqualTo(8);
        assertThat(resumed.processed()).isEqualTo(4);
        assertThat(resumed.summariesCreated()).isEqualTo(1);
        store.reportFileProgress("job-f", 7, 0, 0, T0);
        assertThat(store.findJob("job-f").orElseThrow().processed()).isEqualTo(1);
        assertThat(store.listFiles(ns.id())).extracting(FileRecord::filename).containsExactly("a.txt", "b.txt");
    }

    @Test
    void fileDeleteRemovesChunksAndRegistryEntry() {
        Namespace ns = textNamespace();
        FileEntry a = entry(0, FILE, "/uploads/a.txt");
        store.startFileIngest(ns.id(), "job-f", List.of(a), T0);
        store.commitFileVersion("job-f", version(a, 3), 100, T0);
        store.completeFileIngest("job-f", T0);

        Job delete = store.startFileDelete(ns.id(), "job-d", FILE, T0).orElseThrow();
        assertThat(delete.total()).isEqualTo(4);
        List<String> deleted = store.applyFileDelete("job-d", T0);

        assertThat(deleted).hasSize(4);
        assertThat(store.findFile(ns.id(), FILE)).isEmpty();
        assertThat(store.findNamespace("docs").orElseThrow().itemCount()).isZero();
        Job done = store.findJob("job-d").orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.itemsDeleted()).isEqualTo(4);
        assertThat(store.startFileDelete(ns.id(), "job-e", FILE, T0)).isEmpty();
    }
}
