package io.videostore.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.LocalS3;
import io.videostore.testcam.S3Store;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the service, each its own JVM, on one PostgreSQL and one S3 server,
 * with four cameras (three recorded on demand, one with a pre-roll buffer) that each
 * count the streams they serve. Every alarm is recorded once, by its camera's owner,
 * wherever it arrived; {@code kill -9} of an instance moves its cameras and jobs to the
 * others within the bound that {@code instance.takeover_after} sets, and no camera is
 * ever streamed twice. The tests run in order on the same cluster: the second and third
 * kill one instance each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTests {

	/** {@code instance.takeover_after}: the shortest allowed, to keep the test short. */
	private static final int TAKEOVER_SECONDS = 3;

	/**
	 * Takeover bound: the lease runs out, the next renewal round (a fifth of it later)
	 * takes the camera, its buffer connects; plus slack for a busy 2-core machine.
	 */
	private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(TAKEOVER_SECONDS * 6 / 5 + 4);

	private static final List<String> CAMERAS = List.of("cam-a", "cam-b", "cam-c", "cam-p");

	@TempDir
	static Path dir;

	private final Map<String, TestCamera> cameras = new LinkedHashMap<>();

	private final List<Node> nodes = new ArrayList<>();

	private LocalPostgres.Database db;

	private LocalS3 s3;

	private record Node(String id, int port, Process process) {
	}

	@BeforeAll
	void startCluster() throws Exception {
		this.db = LocalPostgres.shared().newDatabase();
		this.s3 = LocalS3.start(Files.createDirectories(dir.resolve("s3")));
		for (String id : CAMERAS) {
			this.cameras.put(id, TestCamera.start(Options.none().withFps(10)));
		}
		for (int i = 1; i <= 3; i++) {
			this.nodes.add(start("node-" + i));
		}
		for (Node node : this.nodes) {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> healthy(node));
		}
		// Spread evenly: four cameras, at most two per instance, every instance one.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> owners().size() == 4 && owners().values().stream().distinct().count() == 3);
		// The pre-roll camera's buffer holds its 3 s of pre-roll before the first alarm.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.cameras.get("cam-p").connections() > 0);
		await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
	}

	@AfterAll
	void stopCluster() throws Exception {
		for (Node node : this.nodes) {
			node.process().destroy();
		}
		for (Node node : this.nodes) {
			if (!node.process().waitFor(45, TimeUnit.SECONDS)) {
				node.process().destroyForcibly();
			}
		}
		// Kept for a failing run: target/cluster-logs/node-N.log.
		Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
		for (Node node : this.nodes) {
			Files.copy(dir.resolve(node.id() + ".log"), logs.resolve(node.id() + ".log"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		for (TestCamera camera : this.cameras.values()) {
			camera.close();
		}
		if (this.s3 != null) {
			this.s3.close();
		}
	}

	@Test
	@Order(1)
	void aBurstSpreadOverThreeInstancesIsRecordedOnceByEachCamerasOwner() throws Exception {
		Map<String, String> owners = owners();
		List<Long> alarms = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			String camera = CAMERAS.get(i % 4);
			HttpResponse<String> r = post(this.nodes.get(i % 3), camera, "Burst " + i);
			assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
			alarms.add(alarmId(r.body()));
		}
		awaitAllJobsEnded(Duration.ofSeconds(120));

		List<Map<String, Object>> jobs = rows("SELECT * FROM job WHERE alarm_id >= " + alarms.get(0));
		assertThat(jobs).hasSize(24);
		for (Map<String, Object> job : jobs) {
			assertThat(job.get("state")).as("job %s", job).isIn("done", "partial", "joined");
			assertThat(job.get("clip_id")).as("job %s", job).isNotNull();
			if (!"joined".equals(job.get("state"))) {
				assertThat(job.get("claimed_by")).as("recorded by its camera's owner: %s", job)
					.isEqualTo(owners.get((String) job.get("camera_id")));
			}
		}
		assertThat(jobs.stream().map((j) -> j.get("alarm_id")).distinct()).as("one job per alarm").hasSize(24);
		assertThat(single("SELECT COUNT(*) FROM clip")).as("no clip made twice")
			.isEqualTo(single("SELECT COUNT(DISTINCT clip_id) FROM job"));
		assertNoCameraStreamedTwice();
		// Only clips travel: every one reaches the bucket, and any instance serves it.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> single("SELECT COUNT(*) FROM upload WHERE state <> 'done'") == 0);
		long clip = ((Number) jobs.get(0).get("clip_id")).longValue();
		for (Node node : this.nodes) {
			HttpResponse<Void> video = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base(node) + "/api/clips/" + clip + "/video")).build(),
						HttpResponse.BodyHandlers.discarding());
			assertThat(video.statusCode()).as("clip %d from %s", clip, node.id()).isIn(200, 206, 307);
		}
	}

	@Test
	@Order(2)
	void kill9OfTheInstanceBufferingACameraMovesTheCameraAndItsJobsWithinTheBound() throws Exception {
		Node victim = node(owners().get("cam-p"));
		Node other = this.nodes.stream().filter((n) -> n != victim).findFirst().orElseThrow();
		HttpResponse<String> pending = post(other, "cam-p", "Before the kill");
		long pendingAlarm = alarmId(pending.body());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "running".equals(job(pendingAlarm).get("state"))
					&& victim.id().equals(job(pendingAlarm).get("claimed_by")));
		int streamsBefore = this.cameras.get("cam-p").connections();

		long killed = kill(victim);
		await().atMost(TAKEOVER_BOUND.plusSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.cameras.get("cam-p").connections() > streamsBefore);
		Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
		assertThat(takeover).as("camera buffered again by another instance").isLessThan(TAKEOVER_BOUND);
		assertThat(owners().get("cam-p")).isNotEqualTo(victim.id());

		// The job that waited for its post-roll on the dead instance ends, with its
		// reason, on the new owner: its footage died with the instance.
		awaitAllJobsEnded(Duration.ofSeconds(60));
		Map<String, Object> job = job(pendingAlarm);
		assertThat(job.get("claimed_by")).isNotEqualTo(victim.id());
		assertThat(job.get("state")).isIn("done", "partial", "failed");
		assertThat(job.get("reason")).as("says why").isNotNull();
		// An alarm after the takeover is recorded from the new owner's buffer.
		HttpResponse<String> after = post(victim == this.nodes.get(0) ? this.nodes.get(1) : this.nodes.get(0), "cam-p",
				"After the takeover");
		long afterAlarm = alarmId(after.body());
		awaitAllJobsEnded(Duration.ofSeconds(60));
		assertThat(job(afterAlarm).get("state")).as("%s", job(afterAlarm)).isIn("done", "partial");
		assertNoCameraStreamedTwice();
	}

	@Test
	@Order(3)
	void kill9OfAnInstanceWhileItRecordsReRecordsTheAlarmOnTheNextOwnerAndLosesNoneThatArriveMeanwhile()
			throws Exception {
		Map<String, String> owners = owners();
		String camera = List.of("cam-a", "cam-b", "cam-c")
			.stream()
			.filter((c) -> node(owners.get(c)).process().isAlive())
			.findFirst()
			.orElseThrow();
		Node victim = node(owners.get(camera));
		Node survivor = this.nodes.stream()
			.filter((n) -> n != victim && n.process().isAlive())
			.findFirst()
			.orElseThrow();
		long recording = alarmId(post(survivor, camera, "Recording at the kill").body());
		await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(job(recording).get("state")));
		Thread.sleep(1000);

		kill(victim);
		// Alarms keep coming to the survivor for every camera while the victim is dead.
		List<Long> meanwhile = new ArrayList<>();
		for (String c : CAMERAS) {
			HttpResponse<String> r = post(survivor, c, "Meanwhile " + c);
			assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
			meanwhile.add(alarmId(r.body()));
		}
		awaitAllJobsEnded(TAKEOVER_BOUND.plusSeconds(60));

		Map<String, Object> rerun = job(recording);
		assertThat(rerun.get("state")).as("%s", rerun).isIn("done", "partial");
		assertThat(rerun.get("claimed_by")).isEqualTo(survivor.id());
		for (long alarm : meanwhile) {
			Map<String, Object> job = job(alarm);
			assertThat(job.get("state")).as("%s", job).isIn("done", "partial", "joined");
			assertThat(job.get("clip_id")).as("%s", job).isNotNull();
		}
		assertThat(owners().values()).containsOnly(survivor.id());
		assertThat(single("SELECT COUNT(*) FROM clip")).as("no clip made twice")
			.isEqualTo(single("SELECT COUNT(DISTINCT clip_id) FROM job WHERE clip_id IS NOT NULL"));
		assertNoCameraStreamedTwice();
	}

	private void assertNoCameraStreamedTwice() {
		this.cameras.forEach((id, camera) -> assertThat(camera.mostOpenAtOnce()).as("streams of %s at once", id)
			.isLessThanOrEqualTo(1));
	}

	/** Kills the instance with SIGKILL; returns when (System.nanoTime) it was dead. */
	private static long kill(Node node) throws InterruptedException {
		node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		return System.nanoTime();
	}

	private Node start(String id) throws IOException {
		int port = freePort();
		Path videos = dir.resolve(id);
		Path config = dir.resolve(id + ".yml");
		StringBuilder cameraList = new StringBuilder();
		for (String camera : CAMERAS) {
			cameraList.append("  - id: ")
				.append(camera)
				.append("\n    url: ")
				.append(this.cameras.get(camera).uri())
				.append("\n    match: {device_id: d-")
				.append(camera)
				.append("}\n");
			if (camera.equals("cam-p")) {
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
						cameras:
						%svideo:
						  duration: 3
						  output: %s
						webhooks:
						  workers: 2
						  queue_size: 100
						  secret: %s
						""".formatted(id, TAKEOVER_SECONDS, this.db.url(), this.db.username(), this.db.password(),
						this.s3.endpoint(), this.s3.bucket(), S3Store.ACCESS, S3Store.SECRET, cameraList, videos,
						WebhookRig.SECRET));
		ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"io.videostore.cli.VideoStoreCommand", "--config", config.toString(), "-p", String.valueOf(port));
		Process p = service.redirectErrorStream(true).redirectOutput(dir.resolve(id + ".log").toFile()).start();
		return new Node(id, port, p);
	}

	private Node node(String id) {
		return this.nodes.stream().filter((n) -> n.id().equals(id)).findFirst().orElseThrow();
	}

	/** Each camera's owner by its live lease. */
	private Map<String, String> owners() throws SQLException {
		Map<String, String> owners = new LinkedHashMap<>();
		for (Map<String, Object> row : rows(
				"SELECT camera_id, instance_id FROM camera_lease WHERE lease_until >= to_char(now() AT TIME ZONE "
						+ "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') ORDER BY camera_id")) {
			owners.put((String) row.get("camera_id"), (String) row.get("instance_id"));
		}
		return owners;
	}

	private void awaitAllJobsEnded(Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> single("SELECT COUNT(*) FROM job WHERE state IN ('queued', 'running')") == 0);
	}

	private Map<String, Object> job(long alarmId) throws SQLException {
		List<Map<String, Object>> jobs = rows("SELECT * FROM job WHERE alarm_id = " + alarmId);
		assertThat(jobs).hasSize(1);
		return jobs.get(0);
	}

	private long single(String sql) throws SQLException {
		return this.db.single(sql);
	}

	private List<Map<String, Object>> rows(String sql) throws SQLException {
		return this.db.rows(sql);
	}

	private static HttpResponse<String> post(Node node, String camera, String deviceName)
			throws IOException, InterruptedException {
		String body = WebhookRig.alarm("d-" + camera, deviceName, WebhookRig.createdOn(0));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base(node) + "/webhook?token=" + WebhookRig.SECRET))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static long alarmId(String body) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"alarmId\"\\s*:\\s*(\\d+)").matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return Long.parseLong(m.group(1));
	}

	private static String base(Node node) {
		return "http://127.0.0.1:" + node.port();
	}

	private static boolean healthy(Node node) {
		if (!node.process().isAlive()) {
			throw new IllegalStateException(
					node.id() + " exited with " + node.process().exitValue() + ":\n" + log(node));
		}
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base(node) + "/actuator/health/liveness")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static String log(Node node) {
		try {
			List<String> lines = Files.readAllLines(dir.resolve(node.id() + ".log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
