package io.videostore.testcam;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 API server (s3proxy) in the test JVM, storing objects as files in a folder,
 * that tests can stop and start again on the same port (an outage), and a client to look
 * at what it holds.
 */
public final class LocalS3 implements S3Store, AutoCloseable {

	public static final String BUCKET = "clips";

	private final BlobStore store;

	private final int port;

	private S3Proxy proxy;

	private final S3Client client;

	private LocalS3(BlobStore store, int port) throws Exception {
		this.store = store;
		this.proxy = start(store, port);
		this.port = this.proxy.getPort();
		this.client = S3Store.client(endpoint());
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

	@Override
	public String name() {
		return "s3proxy";
	}

	@Override
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	public String bucket() {
		return BUCKET;
	}

	@Override
	public boolean checksSignatures() {
		return true;
	}

	@Override
	public S3Client client() {
		return this.client;
	}

	/** An outage: the port refuses connections until {@link #restart()}. */
	public void stop() throws Exception {
		this.proxy.stop();
	}

	public void restart() throws Exception {
		this.proxy = start(this.store, this.port);
	}

	@Override
	public void close() throws Exception {
		this.client.close();
		this.proxy.stop();
	}

}
