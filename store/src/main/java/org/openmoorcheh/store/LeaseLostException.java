package org.openmoorcheh.store;

/**
 * A step of a job was refused because another node holds the job's lease (this node's expired,
 * and the job was taken over). The step wrote nothing; the node must stop working on the job.
 */
public final class LeaseLostException extends IllegalStateException {

    public LeaseLostException(String jobId) {
        super("job " + jobId + " is now run by another node");
    }
}
