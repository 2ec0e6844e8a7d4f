package io.videostore.webhook;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.LocalS3;
import io.videostore.testcam.S3Store;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.awaitility.Awaitility.await;

/**
 * A cluster of the service for tests that break it: instances as child JVMs on a
 * PostgreSQL server of the rig's own (which the test may restart: stopped, then started
 * again on the same port and data), one S3 server, test cameras that record when each
 * connection really took frames, and a receiver of "clip ready" messages that keeps every
 * message it got. An instance can be paused ({@code SIGSTOP}) and resumed, killed with
 * {@code SIGKILL}, and started again under its id.
 */
final class ClusterRig implements AutoCloseable {

	/** {@code instance.takeover_after}: the shortest allowed, to keep the tests short. */
	static final int TAKEOVER_SECONDS = 3;

	/** The pre-roll camera: {@code video: {pre_roll: 3, post_roll: 2}}. */
	static final String PRE_ROLL = "cam-p";

	/**
	 * A camera's socket send buffer: a paused reader blocks its writes within a second.
	 */
	private static final int SEND_BUFFER = 8192;

	private static final Pattern ALARM_ID = Pattern.compile("\"alarmId\"\\s*:\\s*(\\d+)");

	private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*(\\d+)");

	private final Path dir;

	private final List<String> cameraIds;

	private final Map<String, TestCamera> cameras = new LinkedHashMap<>();

	private final Map<String, Node> nodes = new ConcurrentHashMap<>();

	private final List<String> nodeIds = new CopyOnWriteArrayList<>();

	private final Database postgres;

	private final LocalS3 s3;

	private final HttpServer receiver;

	private final List<Message> messages = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * One instance: its JVM (replaced when it is started again), its port and log.
	 */
	static final class Node {

		final String id;

		final int port;

		volatile Process process;

		volatile boolean paused;

		Node(String id, int port) {
			this.id = id;
			this.port = port;
		}

		long pid() {
			return this.process.pid();
		}

		boolean alive() {
			return this.process != null && this.process.isAlive();
		}

		/** Alive and not paused: it can answer. */
		boolean answering() {
			return alive() && !this.paused;
		}

		@Override
		public String toString() {
			return this.id + " (pid " + ((this.process != null) ? this.process.pid() : "-") + ")";
		}

	}

	/**
	 * A "clip ready" message as received.
	 *
	 * @param at when it arrived
	 * @param jobId the job it announces
	 * @param alarmId that job's alarm
	 * @param body the JSON
	 */
	record Message(Instant at, long jobId, long alarmId, String body) {
	}

	private ClusterRig(Path dir, List<String> cameraIds) throws Exception {
		this.dir = dir;
		this.cameraIds = List.copyOf(cameraIds);
		this.postgres = Database.start(Files.createDirectories(dir.resolve("pgdata")));
		this.s3 = LocalS3.start(Files.createDirectories(dir.resolve("s3")));
		for (String id : cameraIds) {
			this.cameras.put(id, TestCamera.start(Options.none().withFps(10).withSendBuffer(SEND_BUFFER)));
		}
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/clip-ready", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.messages.add(new Message(Instant.now(), number(JOB_ID, body), number(ALARM_ID, body), body));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	/**
	 * Starts the servers, the cameras and {@code instances} instances {@code node-1}..,
	 * and waits until every instance is healthy and every camera has an owner.
	 */
	static ClusterRig start(Path dir, List<String> cameraIds, int instances) throws Exception {
		ClusterRig rig = new ClusterRig(dir, cameraIds);
		try {
			for (int i = 1; i <= instances; i++) {
				rig.nodeIds.add("node-" + i);
				rig.nodes.put("node-" + i, new Node("node-" + i, freePort()));
				rig.launch(rig.nodes.get("node-" + i));
			}
			for (String id : rig.nodeIds) {
				rig.awaitHealthy(id, Duration.ofSeconds(120));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> rig.owners().size() == cameraIds.size());
			if (cameraIds.contains(PRE_ROLL)) {
				// Its buffer holds its pre-roll before the first alarm.
				await().atMost(Duration.ofSeconds(30)).until(() -> rig.camera(PRE_ROLL).connections() > 0);
				Thread.sleep(4000);
			}
			return rig;
		}
		catch (Exception | Error ex) {
			rig.close();
			throw ex;
		}
	}

	List<String> nodeIds() {
		return this.nodeIds;
	}

	Node node(String id) {
		return this.nodes.get(id);
	}

	List<String> cameraIds() {
		return this.cameraIds;
	}

	TestCamera camera(String id) {
		return this.cameras.get(id);
	}

	List<Message> messages() {
		return List.copyOf(this.messages);
	}

	/** The videos folder of an instance. */
	Path videos(String nodeId) {
		return this.dir.resolve(nodeId);
	}

	// --- instances ---------------------------------------------------------------

	private void launch(Node node) throws IOException {
		Path config = this.dir.resolve(node.id + ".yml");
		StringBuilder cameraList = new StringBuilder();
		for (String camera : this.cameraIds) {
			cameraList.append("  - id: ")
				.append(camera)
				.append("\n    url: ")
				.append(this.cameras.get(camera).uri())
				.append("\n    match: {device_id: d-")
				.append(camera)
				.append("}\n");
			if (camera.equals(PRE_ROLL)) {
				cameraList.append("    video: {pre_roll: 3, post_roll: 2}\n");
			}
		}
		Files.writeString(config,
				"""
						instance:
						  id: %s
						  takeover_after: %d
						database:
						  url: %s
						  username: %s
						  password: %s
						storage:
						  s3:
						    endpoint: %s
						    bucket: %s
						    access_key: %s
						    secret_key: %s
						notify:
						  webhooks:
						    - url: http://127.0.0.1:%d/clip-ready
						cameras:
						%svideo:
						  duration: 3
						  output: %s
						webhooks:
						  workers: 2
						  queue_size: 100
						  secret: %s
						""".formatted(node.id, TAKEOVER_SECONDS, this.postgres.url(), LocalPostgres.USER,
						this.postgres.password, this.s3.endpoint(), this.s3.bucket(), S3Store.ACCESS, S3Store.SECRET,
						this.receiver.getAddress().getPort(), cameraList, videos(node.id), WebhookRig.SECRET));
		ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				"io.videostore.cli.VideoStoreCommand", "--config", config.toString(), "-p", String.valueOf(node.port));
		File log = this.dir.resolve(node.id + ".log").toFile();
		node.paused = false;
		node.process = service.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
	}

	void awaitHealthy(String nodeId, Duration atMost) {
		Node node = this.nodes.get(nodeId);
		await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> healthy(node));
	}

	/**
	 * Waits until a restarted instance is healthy, starting it again whenever it exits,
	 * as Docker's {@code restart: unless-stopped} would (an instance that starts while
	 * the database is away stops with exit code 2). Returns how often it was started
	 * again.
	 */
	int awaitHealthySupervised(String nodeId, Duration atMost) throws IOException, InterruptedException {
		Node node = this.nodes.get(nodeId);
		long deadline = System.nanoTime() + atMost.toNanos();
		int restarts = 0;
		while (System.nanoTime() < deadline) {
			if (!node.alive()) {
				restarts++;
				Thread.sleep(1000);
				launch(node);
			}
			else if (healthy(node)) {
				return restarts;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(node + " not healthy within " + atMost + ":\n" + log(nodeId));
	}

	/** {@code SIGSTOP}: the JVM stops dead, sockets open (its ffmpeg children run on). */
	void pause(String nodeId) throws IOException, InterruptedException {
		Node node = this.nodes.get(nodeId);
		signal(node, "STOP");
		node.paused = true;
	}

	/** {@code SIGCONT}. */
	void resume(String nodeId) throws IOException, InterruptedException {
		Node node = this.nodes.get(nodeId);
		signal(node, "CONT");
		node.paused = false;
	}

	private static void signal(Node node, String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + node + " failed");
		}
	}

	/** {@code SIGKILL}, as a crash; returns once the process is gone. */
	void kill(String nodeId) throws InterruptedException {
		Node node = this.nodes.get(nodeId);
		node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		node.paused = false;
	}

	/** Starts a dead instance again under its id, port and folder; does not wait. */
	void restart(String nodeId) throws IOException {
		Node node = this.nodes.get(nodeId);
		if (node.alive()) {
			throw new IllegalStateException(node + " is still running");
		}
		launch(node);
	}

	// --- PostgreSQL --------------------------------------------------------------

	/** Stops PostgreSQL (every connection ends, new ones are refused). */
	void stopDatabase() throws IOException {
		this.postgres.stop();
	}

	/** Starts it again on the same port and data. */
	void startDatabase() throws IOException {
		this.postgres.start();
	}

	LocalPostgres.Database database() {
		return this.postgres.database();
	}

	List<Map<String, Object>> rows(String sql) throws SQLException {
		return this.postgres.database().rows(sql);
	}

	long single(String sql) throws SQLException {
		return this.postgres.database().single(sql);
	}

	/** Each camera's owner by its live lease (judged by the database's clock). */
	Map<String, String> owners() throws SQLException {
		Map<String, String> owners = new LinkedHashMap<>();
		for (Map<String, Object> row : rows(
				"SELECT camera_id, instance_id FROM camera_lease WHERE lease_until >= to_char(now() AT TIME ZONE "
						+ "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') ORDER BY camera_id")) {
			owners.put((String) row.get("camera_id"), (String) row.get("instance_id"));
		}
		return owners;
	}

	/**
	 * Waits until no job is queued or running; false if some still are after
	 * {@code atMost}.
	 */
	boolean awaitJobsEnded(Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (single("SELECT COUNT(*) FROM job WHERE state IN ('queued', 'running')") == 0) {
					return true;
				}
			}
			catch (SQLException ex) {
				// The database is coming back.
			}
			Thread.sleep(250);
		}
		return false;
	}

	/**
	 * Waits until every message of the outbox is sent; false if not within
	 * {@code atMost}.
	 */
	boolean awaitMessagesSent(Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (single("SELECT COUNT(*) FROM notification WHERE state = 'pending'") == 0) {
					return true;
				}
			}
			catch (SQLException ex) {
				// The database is coming back.
			}
			Thread.sleep(250);
		}
		return false;
	}

	// --- webhooks ----------------------------------------------------------------

	/**
	 * Posts an alarm for a camera to one instance; the answer, or null when the instance
	 * did not answer within {@code timeout}.
	 */
	HttpResponse<String> post(String nodeId, String camera, String deviceName, Duration timeout) {
		String body = WebhookRig.alarm("d-" + camera, deviceName, WebhookRig.createdOn(0));
		try {
			return this.http.send(HttpRequest
				.newBuilder(URI
					.create("http://127.0.0.1:" + this.nodes.get(nodeId).port + "/webhook?token=" + WebhookRig.SECRET))
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static long alarmId(String body) {
		return number(ALARM_ID, body);
	}

	private static long number(Pattern pattern, String body) {
		Matcher m = pattern.matcher(body);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

	private boolean healthy(Node node) {
		if (!node.alive()) {
			throw new IllegalStateException(node + " exited with " + node.process.exitValue() + ":\n" + log(node.id));
		}
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/** The last lines of an instance's log. */
	String log(String nodeId) {
		try {
			List<String> lines = Files.readAllLines(this.dir.resolve(nodeId + ".log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** Every published clip file on the instances' disks (work folders left out). */
	List<Path> clipFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		for (String id : this.nodeIds) {
			Path videos = videos(id);
			if (!Files.isDirectory(videos)) {
				continue;
			}
			try (Stream<Path> walk = Files.walk(videos)) {
				walk.filter((p) -> p.toString().endsWith(".mp4")).filter((p) -> {
					for (Path part : videos.relativize(p)) {
						if (part.toString().startsWith(".")) {
							return false;
						}
					}
					return true;
				}).forEach(files::add);
			}
		}
		return files;
	}

	/** Copies the instances' logs to {@code target/<folder>/}. */
	void keepLogs(String folder) {
		try {
			Path logs = Files.createDirectories(Path.of("target", folder));
			for (String id : this.nodeIds) {
				Path log = this.dir.resolve(id + ".log");
				if (Files.exists(log)) {
					Files.copy(log, logs.resolve(id + ".log"), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (Node node : this.nodes.values()) {
			if (node.alive()) {
				if (node.paused) {
					node.process.destroyForcibly();
				}
				else {
					node.process.destroy();
				}
			}
		}
		for (Node node : this.nodes.values()) {
			try {
				if (node.process != null && !node.process.waitFor(45, TimeUnit.SECONDS)) {
					node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.cameras.values().forEach(TestCamera::close);
		if (this.receiver != null) {
			this.receiver.stop(0);
		}
		try {
			this.s3.close();
		}
		catch (Exception ex) {
			// Best effort.
		}
		try {
			this.postgres.stop();
		}
		catch (IOException ex) {
			// Best effort.
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	/**
	 * An embedded PostgreSQL of the rig's own, on a fixed port with a kept data folder,
	 * so that it can be stopped and started again as a restarted server would be.
	 */
	private static final class Database {

		private static final String NAME = "videostore";

		private final Path data;

		private final int port;

		private final String password = "pg-" + UUID.randomUUID();

		private volatile EmbeddedPostgres server;

		private Database(Path data, int port) {
			this.data = data;
			this.port = port;
		}

		static Database start(Path data) throws IOException, SQLException {
			Database db = new Database(data, freePort());
			db.start();
			try (Connection c = DriverManager.getConnection(db.server.getJdbcUrl("postgres", "postgres"));
					Statement s = c.createStatement()) {
				s.execute("CREATE ROLE " + LocalPostgres.USER + " LOGIN PASSWORD '" + db.password + "'");
				s.execute("CREATE DATABASE " + NAME + " OWNER " + LocalPostgres.USER);
			}
			return db;
		}

		synchronized void start() throws IOException {
			if (this.server != null) {
				return;
			}
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.data)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("shared_buffers", "32MB")
				.setServerConfig("max_connections", "100")
				.setLocaleConfig("locale", "C")
				.setDataDirectoryCustomizer(Database::passwordsOverTcp)
				.start();
		}

		synchronized void stop() throws IOException {
			if (this.server != null) {
				this.server.close();
				this.server = null;
			}
		}

		String url() {
			return "jdbc:postgresql://localhost:" + this.port + "/" + NAME;
		}

		LocalPostgres.Database database() {
			return new LocalPostgres.Database(url(), LocalPostgres.USER, this.password);
		}

		private static void passwordsOverTcp(File dataDirectory) {
			try {
				Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
						local all all trust
						host all postgres 127.0.0.1/32 trust
						host all postgres ::1/128 trust
						host all all 127.0.0.1/32 scram-sha-256
						host all all ::1/128 scram-sha-256
						""");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
