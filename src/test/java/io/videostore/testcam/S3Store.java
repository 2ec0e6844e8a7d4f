package io.videostore.testcam;

import java.net.URI;
import java.util.List;

import io.videostore.config.S3Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket in a real S3 API server that the upload tests run against, and a client to
 * look at what it holds.
 */
public interface S3Store {

	String ACCESS = "test-access";

	String SECRET = "test-secret-key-0123456789";

	/** The server's name, as tests show it. */
	String name();

	/** The server's own URL. */
	URI endpoint();

	String bucket();

	/**
	 * Whether the server refuses a request signed with the wrong secret key (S3Mock
	 * checks no signatures).
	 */
	boolean checksSignatures();

	/** A client with this server's keys. */
	S3Client client();

	/** The service's settings for this bucket. */
	default S3Config config(String prefix, boolean keepLocal) {
		return new S3Config(endpoint().toString(), bucket(), "", prefix, ACCESS, SECRET, true, keepLocal);
	}

	default List<S3Object> objects() {
		return client().listObjectsV2((r) -> r.bucket(bucket())).contents();
	}

	default HeadObjectResponse head(String key) {
		return client().headObject((r) -> r.bucket(bucket()).key(key));
	}

	default byte[] get(String key) {
		return client().getObjectAsBytes((r) -> r.bucket(bucket()).key(key)).asByteArray();
	}

	/** A path-style client, with checksums only where required, as the service's. */
	static S3Client client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
			.build();
	}

}
