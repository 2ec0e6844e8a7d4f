package io.videostore.config.loader;

import io.videostore.config.RetentionConfig;
import io.videostore.config.S3Config;
import io.videostore.config.StorageConfig;

/**
 * Reads {@code storage.*}: {@code s3} (present when a bucket is set, in the file or as
 * {@code VIDEOSTORE_STORAGE_S3_BUCKET}) and {@code retention}.
 */
final class StorageReader {

	private StorageReader() {
	}

	static StorageConfig read(YamlMap storage, ConfigContext context) {
		S3Config s3 = s3(storage.map("s3"));
		RetentionConfig retention = retention(storage.map("retention"));
		storage.warnUnread();
		return new StorageConfig(s3, retention);
	}

	private static S3Config s3(YamlMap s3) {
		String endpoint = s3.string("endpoint", "").strip();
		String bucket = s3.string("bucket", "").strip();
		String accessKey = s3.string("access_key", "").strip();
		String secretKey = s3.string("secret_key", "").strip();
		String region = s3.string("region", "").strip();
		String prefix = s3.string("prefix", "").strip().replaceAll("^/+|/+$", "");
		Boolean pathStyle = s3.value("path_style").map(YamlValue::bool).orElse(null);
		boolean keepLocal = s3.value("keep_local").map(YamlValue::bool).orElse(true);
		s3.warnUnread();
		if (bucket.isEmpty()) {
			// Any setting without a bucket is a mistake (a bucket commented out, a typo
			// in
			// its key): the clips would silently stay local only.
			if (!endpoint.isEmpty() || !accessKey.isEmpty() || !secretKey.isEmpty() || !region.isEmpty()
					|| !prefix.isEmpty() || pathStyle != null || s3.value("keep_local").isPresent()) {
				throw s3.missing("bucket", "the bucket's name (storage.s3 is used only with a bucket)");
			}
			return null;
		}
		if (accessKey.isEmpty() != secretKey.isEmpty()) {
			throw s3.missing(accessKey.isEmpty() ? "access_key" : "secret_key",
					"both access_key and secret_key, or neither (the SDK's default credentials)");
		}
		if (!endpoint.isEmpty() && !endpoint.matches("(?i)https?://[^\\s/]+.*")) {
			throw s3.value("endpoint")
				.orElseThrow()
				.error("a URL such as http://minio:9000 or https://s3.wasabisys.com");
		}
		return new S3Config(endpoint, bucket, region, prefix, accessKey, secretKey,
				(pathStyle != null) ? pathStyle : !endpoint.isEmpty(), keepLocal);
	}

	/** An empty value ({@code ''}, as the template has) means the default. */
	private static boolean set(YamlValue value) {
		return !value.string().isBlank();
	}

	private static RetentionConfig retention(YamlMap retention) {
		RetentionConfig defaults = RetentionConfig.DEFAULTS;
		RetentionConfig config = new RetentionConfig(
				retention.value("max_age").filter(StorageReader::set).map(YamlValue::age).orElse(defaults.maxAge()),
				retention.value("max_bytes")
					.filter(StorageReader::set)
					.map(YamlValue::bytes)
					.orElse(defaults.maxBytes()),
				retention.value("min_free_bytes")
					.filter(StorageReader::set)
					.map(YamlValue::bytes)
					.orElse(defaults.minFreeBytes()),
				retention.value("keep_newest")
					.filter(StorageReader::set)
					.map(YamlValue::age)
					.orElse(defaults.keepNewest()));
		retention.warnUnread();
		return config;
	}

}
