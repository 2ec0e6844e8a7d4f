package io.videostore.testcam;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process MJPEG IP camera on 127.0.0.1 whose frames carry a burnt-in wall clock,
 * for integration tests.
 */
public final class TestCamera implements AutoCloseable {

	/**
	 * Multipart boundary tag of the stream (parts start with {@code --} followed by
	 * this).
	 */
	public static final String BOUNDARY = "testcamframe";

	/** Stream path used unless {@link Options#withPath} says otherwise. */
	public static final String DEFAULT_PATH = "/mjpg/video.mjpg";

	/** Authentication the camera demands. */
	public enum Auth {

		NONE, BASIC, DIGEST

	}

	/**
	 * How each stream connection ends, timed from that connection's start: NORMAL streams
	 * on, DROP_AFTER closes the socket abruptly (no final chunk), STALL_AFTER goes silent
	 * but keeps the socket open until the camera closes.
	 */
	public enum Behaviour {

		NORMAL, DROP_AFTER, STALL_AFTER

	}

	/**
	 * Camera settings; start from {@link #none()}, {@link #basic} or {@link #digest}
	 * (640x360 at 10 fps).
	 *
	 * @param auth required authentication
	 * @param username expected user name (ignored for {@link Auth#NONE})
	 * @param password expected password (ignored for {@link Auth#NONE})
	 * @param width frame width
	 * @param height frame height
	 * @param fps frames per second
	 * @param path the only path that streams; others get 404
	 * @param behaviour how each stream connection ends
	 * @param behaviourAfter when the behaviour kicks in, per connection
	 * @param sendBuffer the socket send buffer of each stream in bytes, or 0 for the
	 * system's (which holds seconds of video): a small one makes the camera's writes
	 * block within a few frames when a client stops reading, so that
	 * {@link TestCamera#activity()} tells a paused client from a streaming one
	 */
	public record Options(Auth auth, String username, String password, int width, int height, double fps, String path,
			Behaviour behaviour, Duration behaviourAfter, int sendBuffer) {

		public Options {
			Objects.requireNonNull(auth, "auth");
			Objects.requireNonNull(username, "username");
			Objects.requireNonNull(password, "password");
			Objects.requireNonNull(behaviour, "behaviour");
			Objects.requireNonNull(behaviourAfter, "behaviourAfter");
			if (!(fps > 0 && fps <= 240) || width < 16 || height < 16 || !path.startsWith("/")
					|| behaviourAfter.isNegative() || sendBuffer < 0) {
				throw new IllegalArgumentException("Invalid test camera options: " + width + "x" + height + " @ " + fps
						+ " fps, path " + path + ", after " + behaviourAfter);
			}
		}

		public static Options none() {
			return basic("", "").withAuth(Auth.NONE);
		}

		public static Options basic(String username, String password) {
			return new Options(Auth.BASIC, username, password, 640, 360, 10, DEFAULT_PATH, Behaviour.NORMAL,
					Duration.ZERO, 0);
		}

		public static Options digest(String username, String password) {
			return basic(username, password).withAuth(Auth.DIGEST);
		}

		private Options withAuth(Auth auth) {
			return new Options(auth, this.username, this.password, this.width, this.height, this.fps, this.path,
					this.behaviour, this.behaviourAfter, this.sendBuffer);
		}

		public Options withSize(int width, int height) {
			return new Options(this.auth, this.username, this.password, width, height, this.fps, this.path,
					this.behaviour, this.behaviourAfter, this.sendBuffer);
		}

		public Options withFps(double fps) {
			return new Options(this.auth, this.username, this.password, this.width, this.height, fps, this.path,
					this.behaviour, this.behaviourAfter, this.sendBuffer);
		}

		public Options withPath(String path) {
			return new Options(this.auth, this.username, this.password, this.width, this.height, this.fps, path,
					this.behaviour, this.behaviourAfter, this.sendBuffer);
		}

		public Options dropAfter(Duration after) {
			return new Options(this.auth, this.username, this.password, this.width, this.height, this.fps, this.path,
					Behaviour.DROP_AFTER, after, this.sendBuffer);
		}

		public Options stallAfter(Duration after) {
			return new Options(this.auth, this.username, this.password, this.width, this.height, this.fps, this.path,
					Behaviour.STALL_AFTER, after, this.sendBuffer);
		}

		public Options withSendBuffer(int bytes) {
			return new Options(this.auth, this.username, this.password, this.width, this.height, this.fps, this.path,
					this.behaviour, this.behaviourAfter, bytes);
		}

		@Override
		public String toString() {
			// Test reports print options; the password must not end up in them.
			return "Options[" + this.auth + " " + this.username + ":***, " + this.width + "x" + this.height + " @ "
					+ this.fps + " fps, " + this.path + ", " + this.behaviour + " " + this.behaviourAfter + "]";
		}

	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final CameraHandler handler;

	private final URI uri;

	private TestCamera(Options options) throws IOException {
		this.handler = new CameraHandler(options, this.closed);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		AtomicInteger threads = new AtomicInteger();
		int port = this.server.getAddress().getPort();
		// Every stream holds its thread for its whole life, so the pool must grow with
		// the clients.
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "testcam-" + port + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this.handler);
		this.uri = URI.create("http://127.0.0.1:" + port + options.path());
		this.server.start();
	}

	/** Starts a camera on a free port of 127.0.0.1. */
	public static TestCamera start(Options options) throws IOException {
		return new TestCamera(options);
	}

	/** Stream URL without credentials. */
	public URI uri() {
		return this.uri;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Stream requests that passed authentication. */
	public int connections() {
		return this.handler.connections();
	}

	/**
	 * The most streams this camera served at once (one per client that got video): 1 when
	 * nobody ever streamed it twice.
	 */
	public int mostOpenAtOnce() {
		return this.handler.mostOpen();
	}

	/**
	 * When each stream really took frames, which an open socket alone does not tell: a
	 * paused client keeps its socket open but takes nothing.
	 */
	public StreamActivity activity() {
		return this.handler.activity();
	}

	/**
	 * 401s for requests that did carry credentials (the unauthenticated first leg of a
	 * handshake is not counted).
	 */
	public int authFailures() {
		return this.handler.authFailures();
	}

	/**
	 * {@code "METHOD path -> status"} per request, oldest first; never contains
	 * credentials or query strings.
	 */
	public List<String> requestLog() {
		return this.handler.requestLog();
	}

	/**
	 * The camera's complete request handling, for a test proxy to wrap; it shares this
	 * camera's counters.
	 */
	public HttpHandler streamHandler() {
		return this.handler;
	}

	/**
	 * Stops the server and ends all streams, stalled ones included, within about a
	 * second.
	 */
	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
