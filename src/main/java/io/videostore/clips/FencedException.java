package io.videostore.clips;

/**
 * A job's outcome was not written because the job no longer carries the fencing token
 * this instance claimed it under: another instance took it over while this one was paused
 * or could not reach the database for longer than its claim lasted.
 */
public class FencedException extends RuntimeException {

	private final long jobId;

	public FencedException(long jobId) {
		super("fenced: job " + jobId + " was taken over by another instance while this one could not renew its "
				+ "claim (it could not reach the database, or was paused, for longer than its lease)");
		this.jobId = jobId;
	}

	public long jobId() {
		return this.jobId;
	}

}
