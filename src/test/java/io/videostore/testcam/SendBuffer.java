package io.videostore.testcam;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import com.sun.net.httpserver.HttpExchange;

/**
 * Shrinks the socket send buffer of one exchange of the JDK's HTTP server, which offers
 * no option for it: the socket is reached through the server's private fields. That needs
 * {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED} (the failsafe
 * configuration in {@code pom.xml} gives it); without it the exchange keeps the system's
 * buffer and this says so once.
 */
final class SendBuffer {

	private static volatile boolean warned;

	private SendBuffer() {
	}

	static void limit(HttpExchange exchange, int bytes) {
		try {
			Object impl = field(exchange, "impl");
			Object connection = field(impl, "connection");
			SocketChannel channel = (SocketChannel) field(connection, "chan");
			channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
		}
		catch (ReflectiveOperationException | RuntimeException | IOException ex) {
			if (!warned) {
				warned = true;
				System.err.println("test camera: cannot shrink the send buffer (" + ex
						+ "); a paused client looks like a streaming one for seconds");
			}
		}
	}

	private static Object field(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
			try {
				Field f = c.getDeclaredField(name);
				f.setAccessible(true);
				return f.get(target);
			}
			catch (NoSuchFieldException ex) {
				// Declared further up.
			}
		}
		throw new NoSuchFieldException(name);
	}

}
