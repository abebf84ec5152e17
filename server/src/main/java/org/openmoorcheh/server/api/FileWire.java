package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.openmoorcheh.server.service.FileService;
import org.openmoorcheh.store.FileRecord;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;

/** Response bodies of the file endpoints (spec 2.12-2.16); times in whole seconds, as documented. */
final class FileWire {

    private FileWire() {
    }

    record Started(String status, String message, String jobId, String namespaceName, int total, int ingesting,
                   List<FileService.Skipped> skipped) {

        static Started of(FileService.Admission admission) {
            return new Started("success", admission.job().isPresent()
                    ? "File upload started. Poll file job status for progress."
                    : "All files are already indexed; nothing to do.",
                    admission.job().map(Job::jobId).orElse(null), admission.namespace(), admission.total(),
                    admission.ingesting(), admission.skipped());
        }
    }

    record Entry(String fileId, String absolutePath, String filename, String fileType, Long fileSize,
                 String fileMtime, long chunkCount, long summaryCount, String status, boolean pathExists,
                 String ingestedAt, String lastError, JsonNode metadata) {

        static Entry of(FileService.FileView view, ObjectMapper mapper) {
            FileRecord file = view.file();
            return new Entry(file.fileId(), file.absolutePath(), file.filename(), file.fileType(), file.fileSize(),
                    Timestamps.seconds(file.fileMtime()), file.chunkCount(), file.summaryCount(), view.status(),
                    view.pathExists(), Timestamps.seconds(file.ingestedAt()), file.lastError(),
                    ItemWire.metadata(mapper, file.metadataJson()));
        }
    }

    record Listing(String status, int count, List<Entry> files) {
    }

    record One(String status, Entry file) {
    }

    record DeleteStarted(String status, String message, String jobId, String fileId, String namespaceName,
                         String absolutePath) {

        static DeleteStarted of(Job job) {
            return new DeleteStarted("success", "File delete started. Poll file job status for progress.",
                    job.jobId(), job.fileId(), job.namespaceName(), job.absolutePath());
        }
    }

    record FileJob(String jobId, String jobType, String namespaceName, String status, String fileId,
                   String absolutePath, long chunksTotal, long chunksProcessed, long summariesCreated,
                   long itemsDeleted, String lastError, String startedAt, String updatedAt, String finishedAt) {

        static FileJob of(Job job) {
            return new FileJob(job.jobId(), job.kind() == JobKind.FILE_INGEST ? "file_ingest" : "file_delete",
                    job.namespaceName(), job.state().wireName(), job.fileId(), job.absolutePath(), job.total(),
                    job.processed(), job.summariesCreated(), job.itemsDeleted(), job.lastError(),
                    Timestamps.seconds(job.startedAt()), Timestamps.seconds(job.updatedAt()),
                    Timestamps.seconds(job.finishedAt()));
        }
    }
}
