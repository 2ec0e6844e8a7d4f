package io.videostore.bench;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.videostore.testcam.LocalPostgres;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;

/**
 * The cluster benchmark (bench/cluster.sh): N instances of the jar, each its own JVM, on
 * one PostgreSQL. Arguments: the jar, a work folder, the mode ({@code intake N},
 * {@code recordings N} or {@code takeover ROUNDS TAKEOVER_SECONDS}). Intake runs wrk
 * against every instance at once (alarms routed to no camera); recordings sends a burst
 * of alarms to 8 on-demand cameras spread over the instances and times until every job
 * ended; takeover kills the owner of a pre-roll camera with SIGKILL and times until
 * another instance holds the camera's lease and streams it, then restarts the victim.
 */
public final class ClusterBench {

	private static final String SECRET = "bench-secret-0123456789abcdef";

	private final Path jar;

	private final Path work;

	private final LocalPostgres.Database db;

	private final List<Process> processes = new ArrayList<>();

	private ClusterBench(Path jar, Path work) {
		this.jar = jar;
		this.work = work;
		this.db = LocalPostgres.shared().newDatabase();
	}

	public static void main(String[] args) throws Exception {
		ClusterBench bench = new ClusterBench(Path.of(args[0]), Path.of(args[1]));
		try {
			switch (args[2]) {
				case "intake" -> bench.intake(Integer.parseInt(args[3]));
				case "recordings" -> bench.recordings(Integer.parseInt(args[3]));
				case "takeover" -> bench.takeover(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
				default -> throw new IllegalArgumentException(args[2]);
			}
		}
		finally {
			bench.processes.forEach(Process::destroyForcibly);
		}
		System.exit(0);
	}

	private void intake(int instances) throws Exception {
		List<Integer> ports = startAll(instances, "  - id: nobody\n    source: demo\n    match: {device_id: never}\n",
				15);
		int connections = 16;
		// Warm-up (JIT) on every instance, then the measured run.
		wrkAll(ports, connections, "10s");
		Map<String, Double> result = wrkAll(ports, connections, "20s");
		System.out.printf(Locale.ROOT, "intake, %d instance(s), %d connections in all: %.0f req/s, worst p99 %.1f ms%n",
				instances, connections, result.get("rps"), result.get("p99"));
	}

	private void recordings(int instances) throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withSize(640, 360).withFps(10))) {
			StringBuilder cameras = new StringBuilder();
			for (int i = 1; i <= 8; i++) {
				cameras.append("  - id: cam-")
					.append(i)
					.append("\n    url: ")
					.append(cam.uri())
					.append("\n    match: {device_id: d-")
					.append(i)
					.append("}\n");
			}
			List<Integer> ports = startAll(instances, cameras.toString(), 15);
			awaitLeases(8);
			int alarms = 48;
			long start = System.nanoTime();
			for (int i = 0; i < alarms; i++) {
				int status = post(ports.get(i % ports.size()), "d-" + (i % 8 + 1), "Burst " + i);
				if (status != 202) {
					throw new IllegalStateException("alarm " + i + " answered " + status);
				}
			}
			while (single("SELECT COUNT(*) FROM job WHERE state IN ('queued', 'running')") > 0) {
				Thread.sleep(100);
			}
			double minutes = (System.nanoTime() - start) / 60e9;
			long clips = single("SELECT COUNT(*) FROM clip");
			long failed = single("SELECT COUNT(*) FROM job WHERE state NOT IN ('done', 'partial', 'joined')");
			System.out.printf(Locale.ROOT,
					"recordings, %d instance(s): %d alarms on 8 cameras (3 s clips) served in %.1f s: %.0f alarms/min, "
							+ "%d clips (%.0f clips/min), %d not recorded%n",
					instances, alarms, minutes * 60, alarms / minutes, clips, clips / minutes, failed);
		}
	}

	private void takeover(int rounds, int takeoverSeconds) throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10))) {
			String cameras = "  - id: buffered\n    url: " + cam.uri() + "\n    video: {pre_roll: 3, post_roll: 2}\n";
			List<Integer> ports = startAll(3, cameras, takeoverSeconds);
			awaitLeases(1);
			Thread.sleep(2000);
			System.out.println("health of node-1: " + HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + ports.get(0) + "/actuator/health/cluster"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body());
			List<Double> seconds = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				String owner = owner();
				int victim = Integer.parseInt(owner.substring("node-".length())) - 1;
				while (cam.connections() == 0) {
					Thread.sleep(50);
				}
				int streams = cam.connections();
				this.processes.get(victim).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				long killed = System.nanoTime();
				while (cam.connections() == streams) {
					Thread.sleep(20);
				}
				double took = (System.nanoTime() - killed) / 1e9;
				seconds.add(took);
				System.out.printf(Locale.ROOT, "round %d: killed %s, camera streamed again by %s after %.2f s%n", round,
						owner, owner(), took);
				this.processes.set(victim, start(victim + 1, ports.get(victim), cameras, takeoverSeconds));
				awaitHealthy(ports.get(victim));
			}
			Collections.sort(seconds);
			System.out.printf(Locale.ROOT,
					"takeover after kill -9 (takeover_after %d s), %d rounds: median %.2f s, min %.2f s, max %.2f s%n",
					takeoverSeconds, rounds, seconds.get(seconds.size() / 2), seconds.get(0),
					seconds.get(seconds.size() - 1));
			if (cam.mostOpenAtOnce() > 1) {
				System.out.println("WARNING: the camera was streamed " + cam.mostOpenAtOnce() + " times at once");
			}
			else {
				System.out.println("the camera was never streamed twice at once");
			}
		}
	}

	private List<Integer> startAll(int instances, String cameras, int takeoverSeconds) throws Exception {
		List<Integer> ports = new ArrayList<>();
		for (int i = 1; i <= instances; i++) {
			int port = freePort();
			ports.add(port);
			this.processes.add(start(i, port, cameras, takeoverSeconds));
		}
		for (int port : ports) {
			awaitHealthy(port);
		}
		return ports;
	}

	private Process start(int node, int port, String cameras, int takeoverSeconds) throws IOException {
		String id = "node-" + node;
		Path config = this.work.resolve(id + ".yml");
		Files.writeString(config, """
				instance: {id: %s, takeover_after: %d}
				database: {url: '%s', username: %s, password: %s}
				cameras:
				%svideo: {duration: 3, output: '%s'}
				webhooks: {secret: %s, workers: 2, queue_size: 1000}
				""".formatted(id, takeoverSeconds, this.db.url(), this.db.username(), this.db.password(), cameras,
				this.work.resolve(id), SECRET));
		ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:+UseSerialGC", "-Xmx256m", "-jar", this.jar.toString(), "--config", config.toString(), "-p",
				String.valueOf(port));
		pb.environment().remove("JAVA_TOOL_OPTIONS");
		return pb.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve(id + ".log").toFile()))
			.start();
	}

	private Map<String, Double> wrkAll(List<Integer> ports, int connections, String duration) throws Exception {
		List<Process> wrks = new ArrayList<>();
		for (int port : ports) {
			ProcessBuilder pb = new ProcessBuilder("wrk", "-t1", "-c" + Math.max(1, connections / ports.size()),
					"-d" + duration, "--latency", "-s",
					Path.of("bench", "webhook-intake.lua").toAbsolutePath().toString(), "http://127.0.0.1:" + port);
			pb.environment().put("WEBHOOK_SECRET", SECRET);
			wrks.add(pb.redirectErrorStream(true).start());
		}
		double rps = 0;
		double p99 = 0;
		for (Process wrk : wrks) {
			String out = new String(wrk.getInputStream().readAllBytes());
			wrk.waitFor();
			for (String line : out.split("\n")) {
				String[] f = line.trim().split("\\s+");
				if (line.contains("Requests/sec")) {
					rps += Double.parseDouble(f[1]);
				}
				if (f.length == 2 && f[0].equals("99%")) {
					p99 = Math.max(p99, millis(f[1]));
				}
				if (line.contains("Non-2xx")) {
					System.out.println("  " + line.trim());
				}
			}
		}
		return Map.of("rps", rps, "p99", p99);
	}

	private static double millis(String v) {
		if (v.endsWith("ms")) {
			return Double.parseDouble(v.substring(0, v.length() - 2));
		}
		if (v.endsWith("us")) {
			return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
		}
		return Double.parseDouble(v.substring(0, v.length() - 1)) * 1000;
	}

	private void awaitLeases(int cameras) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (single("SELECT COUNT(*) FROM camera_lease") < cameras) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the cameras were not leased within 60 s");
			}
			Thread.sleep(100);
		}
	}

	private String owner() throws SQLException {
		Map<String, Object> row = rows("SELECT instance_id FROM camera_lease").get(0);
		return (String) row.get("instance_id");
	}

	private static void awaitHealthy(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			try {
				if (HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
						.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("instance on port " + port + " did not start");
	}

	private static int post(int port, String deviceId, String deviceName) throws Exception {
		String createdOn = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
		String body = """
				{"companyId":"1111-2222-3333-4444-5555","createdOn":"%s","systemLabel":"alarm-high",
				 "shortContent":"Door open of %s was triggered","extraInfo":{"Device ID":"%s","Device name":"%s"}}"""
			.formatted(createdOn, deviceName, deviceId, deviceName);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
				.header("Content-Type", "application/json")
				.header("X-Webhook-Secret", SECRET)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private long single(String sql) throws SQLException {
		return this.db.single(sql);
	}

	private List<Map<String, Object>> rows(String sql) throws SQLException {
		return this.db.rows(sql);
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
