package io.videostore.config.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.S3Config;
import io.videostore.config.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storage.s3} and {@code storage.retention} as a user writes them.
 */
class StorageConfigTests {

	@TempDir
	Path dir;

	@Test
	void withoutAStorageSectionClipsStayLocalWithTheDefaultFloor() {
		StorageConfig storage = load("", Map.of()).storage();

		assertThat(storage.uploads()).isFalse();
		assertThat(storage.retention()).isEqualTo(new RetentionConfig(null, null, 256L * 1024 * 1024));
	}

	@Test
	void fourKeysMakeAnS3BucketWithPathStyleForAnEndpoint() {
		StorageConfig storage = load("""
				storage:
				  s3:
				    endpoint: http://minio:9000
				    bucket: clips
				    access_key: AKIA123
				    secret_key: s3cr3t-key
				""", Map.of()).storage();

		assertThat(storage.s3())
			.isEqualTo(new S3Config("http://minio:9000", "clips", "", "", "AKIA123", "s3cr3t-key", true, true));
		assertThat(storage.s3().toString()).doesNotContain("s3cr3t-key");
	}

	@Test
	void awsNeedsOnlyABucketAndUsesVirtualHostsAndTheDefaultCredentials() {
		S3Config s3 = load("storage:\n  s3:\n    bucket: clips\n    region: eu-west-1\n    prefix: /plant-7/\n",
				Map.of())
			.storage()
			.s3();

		assertThat(s3.pathStyle()).isFalse();
		assertThat(s3.accessKey()).isEmpty();
		assertThat(s3.prefix()).isEqualTo("plant-7");
	}

	@Test
	void theBucketAndKeysMayComeFromTheEnvironmentAlone() {
		S3Config s3 = load("",
				Map.of("VIDEOSTORE_STORAGE_S3_BUCKET", "clips", "VIDEOSTORE_STORAGE_S3_ACCESS_KEY", "a",
						"VIDEOSTORE_STORAGE_S3_SECRET_KEY", "b", "VIDEOSTORE_STORAGE_S3_KEEP_LOCAL", "false"))
			.storage()
			.s3();

		assertThat(s3.bucket()).isEqualTo("clips");
		assertThat(s3.secretKey()).isEqualTo("b");
		assertThat(s3.keepLocal()).isFalse();
	}

	@Test
	void retentionTakesSizesAndAgesAsPeopleWriteThem() {
		RetentionConfig retention = load("""
				storage:
				  retention:
				    max_age: 30d
				    max_bytes: 20GB
				    min_free_bytes: 500MB
				    keep_newest: 12h
				""", Map.of()).storage().retention();

		assertThat(retention).isEqualTo(new RetentionConfig(Duration.ofDays(30), 20L * 1024 * 1024 * 1024,
				500L * 1024 * 1024, Duration.ofHours(12)));
		assertThat(load("storage:\n  retention:\n    max_age: 30d\n", Map.of()).storage().retention().keepNewest())
			.as("keep_newest by default")
			.isEqualTo(Duration.ofHours(24));
		assertThat(load("storage:\n  retention:\n    max_age: 12h\n    max_bytes: 1.5 GiB\n", Map.of()).storage()
			.retention()).extracting(RetentionConfig::maxAge, RetentionConfig::maxBytes)
			.containsExactly(Duration.ofHours(12), 1536L * 1024 * 1024);
	}

	@Test
	void mistakesNameTheKeyAndLine() {
		assertError("storage:\n  retention:\n    max_bytes: lots\n",
				"storage.retention.max_bytes at config.yml:3: expected a size such as 500MB or 20GB, got 'lots'");
		assertError("storage:\n  retention:\n    max_age: 3 weeks\n",
				"storage.retention.max_age at config.yml:3: expected an age such as 30d, 12h or 90m, got '3 weeks'");
		assertError("storage:\n  retention:\n    keep_newest: forever\n",
				"storage.retention.keep_newest at config.yml:3: expected an age such as 30d, 12h or 90m, got 'forever'");
		assertError("storage:\n  s3:\n    endpoint: http://minio:9000\n",
				"storage.s3.bucket at config.yml:3: expected the bucket's name (storage.s3 is used only with a "
						+ "bucket), got ''");
		assertError("storage:\n  s3:\n    region: eu-west-1\n    keep_local: false\n",
				"storage.s3.bucket at config.yml:3: expected the bucket's name (storage.s3 is used only with a "
						+ "bucket), got ''");
		assertError("storage:\n  s3:\n    prefix: plant-7\n",
				"storage.s3.bucket at config.yml:3: expected the bucket's name (storage.s3 is used only with a "
						+ "bucket), got ''");
		String message = assertError("storage:\n  s3:\n    bucket: b\n    secret_key: hunter2\n",
				"storage.s3.access_key at config.yml:3: expected both access_key and secret_key, or neither "
						+ "(the SDK's default credentials), got ''");
		assertThat(message).doesNotContain("hunter2");
	}

	private AppConfig load(String yaml, Map<String, String> env) {
		return new ConfigLoader(env).load(ConfigFiles.write(this.dir, yaml));
	}

	private String assertError(String yaml, String message) {
		return ConfigFiles.assertError(this.dir, yaml, message);
	}

}
