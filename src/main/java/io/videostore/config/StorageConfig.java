package io.videostore.config;

/**
 * Where clips are kept ({@code storage}): the local output folders, bounded by retention,
 * and optionally an S3-compatible bucket they are uploaded to.
 *
 * @param s3 the bucket clips are uploaded to, or null when clips stay local only
 * @param retention how much of the local disk clips may use
 */
public record StorageConfig(S3Config s3, RetentionConfig retention) {

	/** No uploads; the default retention. */
	public static final StorageConfig DEFAULTS = new StorageConfig(null, RetentionConfig.DEFAULTS);

	public boolean uploads() {
		return this.s3 != null;
	}

}
