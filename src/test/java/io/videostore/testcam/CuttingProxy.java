package io.videostore.testcam;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of an HTTP server that, while it is told to, breaks
 * every PUT midway: it passes on the request's headers and half its body, then resets
 * both connections, as a link that drops during an upload would.
 */
public final class CuttingProxy implements AutoCloseable {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

	private final ServerSocket server;

	private final URI target;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "cutting-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger cuts = new AtomicInteger();

	private volatile boolean cutting;

	private CuttingProxy(URI target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		this.threads.execute(this::accept);
	}

	/** A proxy in front of {@code http://host:port}, passing everything on for now. */
	public static CuttingProxy start(URI target) throws IOException {
		return new CuttingProxy(target);
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/** Breaks every PUT from now on until {@link #heal()}. */
	public void cutPuts() {
		this.cutting = true;
	}

	public void heal() {
		this.cutting = false;
	}

	/** How many PUTs it broke. */
	public int cuts() {
		return this.cuts.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.threads.execute(() -> relay(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket upstream = new Socket(this.target.getHost(), this.target.getPort())) {
			this.sockets.add(client);
			this.sockets.add(upstream);
			this.threads.execute(() -> answers(upstream, client));
			requests(new BufferedInputStream(client.getInputStream()), upstream.getOutputStream(), client, upstream);
		}
		catch (IOException ex) {
			// a side hung up
		}
		finally {
			this.sockets.removeIf((socket) -> socket.isClosed());
		}
	}

	/**
	 * Requests one after the other on a kept-alive connection, each framed by its
	 * Content-Length (the SDK sends one with every PUT of a file).
	 */
	private void requests(InputStream in, OutputStream out, Socket client, Socket upstream) throws IOException {
		for (String head; (head = head(in)) != null;) {
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Matcher length = CONTENT_LENGTH.matcher(head);
			long body = length.find() ? Long.parseLong(length.group(1)) : 0;
			if (this.cutting && head.startsWith("PUT ")) {
				copy(in, out, body / 2);
				reset(upstream);
				reset(client);
				this.cuts.incrementAndGet();
				return;
			}
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				in.transferTo(out);
				return;
			}
			copy(in, out, body);
		}
	}

	/** The request line and headers up to the blank line; null at the end. */
	private static String head(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last4 = 0;
		for (int b; (b = in.read()) != -1;) {
			head.write(b);
			last4 = (last4 << 8) | b;
			if (last4 == 0x0d0a0d0a) {
				return head.toString(StandardCharsets.ISO_8859_1);
			}
		}
		return null;
	}

	private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
		byte[] buffer = new byte[16 * 1024];
		for (long left = bytes; left > 0;) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new IOException("the client hung up");
			}
			out.write(buffer, 0, n);
			left -= n;
		}
		out.flush();
	}

	private void answers(Socket upstream, Socket client) {
		try {
			upstream.getInputStream().transferTo(client.getOutputStream());
		}
		catch (IOException ex) {
			// reset, or the client hung up
		}
		finally {
			close(client);
		}
	}

	/** Closed with a TCP reset rather than an orderly FIN. */
	private static void reset(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.sockets.forEach(CuttingProxy::close);
		this.threads.shutdownNow();
	}

}
