package io.videostore.testcam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import static org.awaitility.Awaitility.await;

/**
 * Adobe S3Mock, a second S3 implementation, run from the jar Maven copies to
 * {@code target/s3mock} as a child JVM (it is a Spring Boot application of its own, so it
 * cannot share the test classpath), on free ports, with its log kept in
 * {@code target/s3mock/s3mock.log}.
 */
public final class S3MockProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	static final Path LOG = Path.of("target", "s3mock", "s3mock.log");

	private static final Pattern STARTED = Pattern
		.compile("Tomcat started on ports \\d+ \\(https\\), (\\d+) \\(http\\)");

	private final Process process;

	private final Thread reaper;

	private URI endpoint;

	private S3Client client;

	private S3MockProcess(Process process) {
		this.process = process;
		this.reaper = new Thread(this::kill, "s3mock-reaper");
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/**
	 * Starts S3Mock keeping its objects in {@code root}, and waits until it answers.
	 * @throws IllegalStateException when it does not start in {@code timeout}, with the
	 * end of its log
	 */
	public static S3MockProcess start(Path root, Duration timeout) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: ./mvnw generate-test-resources");
		}
		Files.createDirectories(LOG.getParent());
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		// http.port 0 picks a free port, as server.port does for the https one; a small
		// heap and the C1 compiler only start it faster on a small machine.
		Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-jar", JAR.toString(), "--http.port=0", "--server.port=0",
				"--com.adobe.testing.s3mock.store.root=" + root, "--spring.main.banner-mode=off"))
			.redirectErrorStream(true)
			.redirectOutput(LOG.toFile())
			.start();
		S3MockProcess s3mock = new S3MockProcess(process);
		try {
			s3mock.awaitStarted(timeout);
			return s3mock;
		}
		catch (RuntimeException ex) {
			s3mock.close();
			String log = log();
			throw new IllegalStateException(
					"S3Mock did not start in " + timeout + ":\n" + log.substring(Math.max(0, log.length() - 4000)), ex);
		}
	}

	private void awaitStarted(Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(SdkException.class)
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("S3Mock exited with " + this.process.exitValue());
				}
				Matcher started = STARTED.matcher(log());
				return started.find() && answers(URI.create("http://127.0.0.1:" + started.group(1)));
			});
	}

	private boolean answers(URI endpoint) {
		if (this.client == null) {
			this.endpoint = endpoint;
			this.client = S3Store.client(endpoint);
		}
		this.client.listBuckets();
		return true;
	}

	/** What it logged so far (a character it is still writing comes out as U+FFFD). */
	public static String log() {
		try {
			return new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A new, empty bucket. */
	public S3Store createBucket(String bucket) {
		this.client.createBucket((r) -> r.bucket(bucket));
		return new Bucket(this, bucket);
	}

	@Override
	public void close() {
		if (this.client != null) {
			this.client.close();
		}
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
	}

	/** The JVM and anything it started: asked to stop, then forced. */
	private void kill() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private record Bucket(S3MockProcess s3mock, String bucket) implements S3Store {

		@Override
		public String name() {
			return "S3Mock";
		}

		@Override
		public URI endpoint() {
			return this.s3mock.endpoint;
		}

		@Override
		public boolean checksSignatures() {
			return false;
		}

		@Override
		public S3Client client() {
			return this.s3mock.client;
		}

	}

}
