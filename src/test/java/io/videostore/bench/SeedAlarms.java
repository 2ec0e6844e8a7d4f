package io.videostore.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import io.videostore.clips.TestIndex;

/**
 * {@code bench/api.sh}: fills the index in a videos folder with N alarms over the last
 * year (20 devices, 30 alarm texts, more on weekday mornings), each with its job and,
 * when recorded, its clip row: 85 % done, 5 % partial, 4 % failed, 4 % duplicates, 2 %
 * rejected. One transaction of batched inserts, after Flyway made the schema.
 */
public final class SeedAlarms {

	private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private SeedAlarms() {
	}

	public static void main(String[] args) throws Exception {
		Path videos = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		java.nio.file.Files.createDirectories(videos);
		TestIndex.open(videos, Clock.systemUTC()).close();
		Random random = new Random(42);
		Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant start = end.minus(365, ChronoUnit.DAYS);
		long t0 = System.nanoTime();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + videos.resolve(".videostore.db"))) {
			c.setAutoCommit(false);
			try (PreparedStatement alarm = c.prepareStatement("""
					INSERT INTO alarm (id, received_at, created_on, company_id, device_id, device_name, system_label,
					    short_content, dedupe_key, payload, remote_addr, outcome, outcome_at)
					VALUES (?, ?, ?, 'bench-company', ?, ?, ?, ?, ?, ?, '127.0.0.1', ?, ?)""");
					PreparedStatement clip = c.prepareStatement("""
							INSERT INTO clip (id, camera_id, path, duration_s, frames, codec, width, height, size_bytes,
							    window_start, window_end, created_at, location)
							VALUES (?, ?, ?, 10.0, 100, 'h264', 640, 360, 250000, ?, ?, ?, ?)""");
					PreparedStatement job = c.prepareStatement("""
							INSERT INTO job (alarm_id, camera_id, state, window_start, window_end, reason, clip_id,
							    created_at, started_at, finished_at)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
				long clips = 0;
				for (int i = 1; i <= count; i++) {
					Instant created = moment(random, start, end);
					int device = random.nextInt(20);
					int text = random.nextInt(30);
					String deviceName = "Press " + device;
					String content = "Alarm " + text + " of " + deviceName + " was triggered at "
							+ DateTimeFormatter.ofPattern("MMM d, uuuu h:mm a", java.util.Locale.US)
								.format(created.atZone(ZoneOffset.UTC))
							+ " UTC";
					int roll = random.nextInt(100);
					String outcome = (roll < 4) ? "duplicate of alarm " + Math.max(1, i - 1)
							: (roll < 6) ? "rejected: queue full" : "accepted";
					String ts = TS.format(created);
					alarm.setLong(1, i);
					alarm.setString(2, TS.format(created.plusSeconds(2)));
					alarm.setString(3, ts);
					alarm.setString(4, "dev-" + device);
					alarm.setString(5, deviceName);
					alarm.setString(6, (text < 20) ? "alarm-high" : "alarm-low");
					alarm.setString(7, content);
					alarm.setString(8, "bench|dev-" + device + "|" + content.replaceAll("[0-9]", ""));
					alarm.setString(9, "{\"shortContent\":\"" + content + "\",\"extraInfo\":{\"Device ID\":\"dev-"
							+ device + "\",\"Device name\":\"" + deviceName + "\",\"Pressure\":\"0.4 bar\"}}");
					alarm.setString(10, outcome);
					alarm.setString(11, ts);
					alarm.addBatch();
					if (outcome.equals("accepted")) {
						String state = (roll < 91) ? "done" : (roll < 96) ? "partial" : "failed";
						Long clipId = null;
						if (!state.equals("failed")) {
							clipId = ++clips;
							clip.setLong(1, clipId);
							clip.setString(2, "cam-" + (device % 5));
							clip.setString(3, videos.resolve("clip-" + clipId + ".mp4").toString());
							clip.setString(4, TS.format(created.minusSeconds(5)));
							clip.setString(5, TS.format(created.plusSeconds(5)));
							clip.setString(6, TS.format(created.plusSeconds(8)));
							clip.setString(7, (random.nextInt(10) == 0) ? "both" : "local");
							clip.addBatch();
						}
						job.setLong(1, i);
						job.setString(2, "cam-" + (device % 5));
						job.setString(3, state);
						job.setString(4, TS.format(created.minusSeconds(5)));
						job.setString(5, TS.format(created.plusSeconds(5)));
						job.setString(6, state.equals("failed") ? "camera unreachable"
								: state.equals("partial") ? "7.5 s of 10 s" : null);
						if (clipId != null) {
							job.setLong(7, clipId);
						}
						else {
							job.setNull(7, java.sql.Types.BIGINT);
						}
						job.setString(8, ts);
						job.setString(9, ts);
						job.setString(10, TS.format(created.plusSeconds(8)));
						job.addBatch();
					}
					if (i % 5000 == 0) {
						alarm.executeBatch();
						clip.executeBatch();
						job.executeBatch();
					}
				}
				alarm.executeBatch();
				clip.executeBatch();
				job.executeBatch();
			}
			c.commit();
		}
		System.out.printf("seeded %d alarms in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
	}

	/** More alarms on weekday mornings, so the heat map has a pattern. */
	private static Instant moment(Random random, Instant start, Instant end) {
		long span = end.getEpochSecond() - start.getEpochSecond();
		Instant t = start.plusSeconds((long) (random.nextDouble() * span));
		int hour = t.atZone(ZoneOffset.UTC).getHour();
		int day = t.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
		if ((hour < 6 || hour > 10 || day > 5) && random.nextInt(3) > 0) {
			return moment(random, start, end);
		}
		return t;
	}

}
