package io.videostore.config;

/**
 * The S3-compatible bucket clips are uploaded to ({@code storage.s3}).
 *
 * @param endpoint the store's URL (MinIO, Ceph, Garage, Wasabi, s3proxy…), or empty for
 * AWS
 * @param bucket the bucket
 * @param region the region (AWS), or empty for the SDK's default, {@code us-east-1} for
 * other stores
 * @param prefix the start of every object key, without a trailing slash; may be empty
 * @param accessKey the access key, or empty for the SDK's default credentials (instance
 * roles, environment)
 * @param secretKey the secret key, or empty with an empty access key
 * @param pathStyle {@code https://host/bucket/key} rather than
 * {@code https://bucket.host/key}; true by default when an endpoint is set
 * @param keepLocal false deletes the local copy right after a verified upload
 */
public record S3Config(String endpoint, String bucket, String region, String prefix, String accessKey, String secretKey,
		boolean pathStyle, boolean keepLocal) {

	/** Without the secret key. */
	@Override
	public String toString() {
		return "S3Config[endpoint=" + this.endpoint + ", bucket=" + this.bucket + ", region=" + this.region
				+ ", prefix=" + this.prefix + ", accessKey=" + this.accessKey + ", secretKey="
				+ (this.secretKey.isEmpty() ? "" : "****") + ", pathStyle=" + this.pathStyle + ", keepLocal="
				+ this.keepLocal + "]";
	}

}
