package io.videostore.camera;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import io.videostore.config.CameraAuth;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What opening a camera's stream says when it fails, against real sockets: a camera that
 * cannot be reached is told apart from one that accepted the connection and then gave no
 * answer.
 */
class HttpStreamOpenerTests {

	private static final Duration STALL = Duration.ofSeconds(1);

	@Test
	void aCameraThatAcceptsTheConnectionAndClosesItSaysSoNotThatItCannotBeReached() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
				HttpStreamOpener opener = new HttpStreamOpener(Duration.ofSeconds(5))) {
			Thread closer = new Thread(() -> {
				try (Socket s = server.accept()) {
					s.getInputStream().read();
				}
				catch (IOException ex) {
					// The test fails on the message instead.
				}
			});
			closer.start();
			URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/video.mjpg");

			assertThatExceptionOfType(CameraException.class)
				.isThrownBy(() -> opener.open(uri, CameraAuth.NONE, STALL, null))
				.withMessage("camera at " + uri + " accepted the connection but closed it without an answer");
			closer.join();
		}
	}

	@Test
	void aCameraThatAcceptsTheConnectionAndSaysNothingSaysHowLongItWasWaitedFor() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
				HttpStreamOpener opener = new HttpStreamOpener(Duration.ofSeconds(5))) {
			URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/video.mjpg");

			assertThatExceptionOfType(CameraException.class)
				.isThrownBy(() -> opener.open(uri, CameraAuth.NONE, STALL, null))
				.withMessage("camera at " + uri
						+ " accepted the connection but sent no answer within 1 s (video.stall_timeout)");
		}
	}

	@Test
	void aCameraThatRefusesTheConnectionCannotBeReached() throws Exception {
		int port;
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			port = server.getLocalPort();
		}
		URI uri = URI.create("http://127.0.0.1:" + port + "/video.mjpg");
		try (HttpStreamOpener opener = new HttpStreamOpener(Duration.ofSeconds(5))) {
			assertThatExceptionOfType(CameraException.class)
				.isThrownBy(() -> opener.open(uri, CameraAuth.NONE, STALL, null))
				.withMessage("cannot reach camera at " + uri + ": connection refused or no route");
		}
	}

}
