package io.videostore.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;

/**
 * An RTSP camera, opened by ffmpeg itself. RTSP credentials can only travel inside the
 * URL, and an argument would show them in {@code ps}; so the URL goes into an owner-only
 * ffconcat file that ffmpeg reads instead.
 */
final class RtspFeed implements CameraFeed {

	private final URI uri;

	private final CameraAuth auth;

	private final Path listFile;

	RtspFeed(URI uri, CameraAuth auth, Duration stallTimeout) {
		this.uri = uri;
		this.auth = auth;
		try {
			Path dir = Files.createTempDirectory("videostore-rtsp-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			this.listFile = dir.resolve("camera.ffconcat");
			String text = "ffconcat version 1.0\nfile '" + escape(urlWithCredentials()) + "'\n"
					+ "option rtsp_transport tcp\noption timeout " + stallTimeout.toNanos() / 1000 + "\n";
			Files.writeString(listFile, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the RTSP input list", ex);
		}
	}

	private String urlWithCredentials() {
		if (auth.type() == AuthType.NONE || auth.username().isEmpty()) {
			return uri.toString();
		}
		String userInfo = encode(auth.username()) + ":" + encode(auth.password());
		String afterScheme = uri.toString().substring(uri.getScheme().length() + 3);
		return uri.getScheme() + "://" + userInfo + "@" + afterScheme;
	}

	private static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String escape(String s) {
		return s.replace("'", "'\\''");
	}

	@Override
	public List<String> ffmpegInput() {
		return List.of("-f", "concat", "-safe", "0", "-protocol_whitelist", "file,rtsp,rtsps,rtp,srtp,tcp,udp,tls",
				"-i", listFile.toString());
	}

	@Override
	public boolean pipesToStdin() {
		return false;
	}

	@Override
	public StreamEnd pumpTo(OutputStream out, FrameGate gate) {
		throw new UnsupportedOperationException("ffmpeg reads RTSP itself");
	}

	@Override
	public String description() {
		return uri.toString();
	}

	@Override
	public Collection<String> secrets() {
		return (auth.password() == null || auth.password().isEmpty()) ? List.of()
				: List.of(auth.password(), encode(auth.password()));
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(listFile);
			Files.deleteIfExists(listFile.getParent());
		}
		catch (IOException ex) {
			// The temp folder is cleaned by the OS at worst; it is owner-only.
		}
	}

}
