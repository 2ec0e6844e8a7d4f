package io.videostore.testcam;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.videostore.config.S3Config;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 API server (s3proxy) in the test JVM, storing objects as files in a folder,
 * that tests can stop and start again on the same port (an outage), and a client to look
 * at what it holds.
 */
public final class LocalS3 implements AutoCloseable {

	public static final String ACCESS = "test-access";

	public static final String SECRET = "test-secret-key-0123456789";

	public static final String BUCKET = "clips";

	private final BlobStore store;

	private final int port;

	private S3Proxy proxy;

	private final S3Client client;

	private LocalS3(BlobStore store, int port) throws Exception {
		this.store = store;
		this.proxy = start(store, port);
		this.port = this.proxy.getPort();
		this.client = S3Client.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
			.build();
	}

	/** A server storing into {@code folder}, with the bucket {@link #BUCKET}. */
	public static LocalS3 start(Path folder) throws Exception {
		Properties p = new Properties();
		p.setProperty("jclouds.filesystem.basedir", folder.toString());
		LocalS3 s3 = new LocalS3(BlobStores.create("filesystem", p), 0);
		s3.client.createBucket((r) -> r.bucket(BUCKET));
		return s3;
	}

	private static S3Proxy start(BlobStore store, int port) throws Exception {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
			.build();
		proxy.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> "STARTED".equals(proxy.getState()));
		return proxy;
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** The service's settings for this server. */
	public S3Config config(String prefix, boolean keepLocal) {
		return new S3Config(endpoint().toString(), BUCKET, "", prefix, ACCESS, SECRET, true, keepLocal);
	}

	/** An outage: the port refuses connections until {@link #restart()}. */
	public void stop() throws Exception {
		this.proxy.stop();
	}

	public void restart() throws Exception {
		this.proxy = start(this.store, this.port);
	}

	public List<S3Object> objects() {
		return this.client.listObjectsV2((r) -> r.bucket(BUCKET)).contents();
	}

	public HeadObjectResponse head(String key) {
		return this.client.headObject((r) -> r.bucket(BUCKET).key(key));
	}

	public byte[] get(String key) {
		return this.client.getObjectAsBytes((r) -> r.bucket(BUCKET).key(key)).asByteArray();
	}

	@Override
	public void close() throws Exception {
		this.client.close();
		this.proxy.stop();
	}

}
