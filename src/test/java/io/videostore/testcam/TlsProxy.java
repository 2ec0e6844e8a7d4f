package io.videostore.testcam;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx as a TLS-terminating reverse proxy in front of a service on loopback, as
 * operations.md sets one up: {@code https://localhost:<port>} with a self-signed
 * certificate made at test time (by the JDK's keytool), passing on {@code Host} and
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port}. One nginx
 * process (no master, no daemon) whose configuration, logs and temporary files all live
 * in the given folder, so it needs neither root nor {@code /var/lib/nginx}.
 * <p>
 * Where nginx is not installed the test is skipped with the reason, unless
 * {@code VIDEOSTORE_REQUIRE_NGINX} is set (as {@code .ci/run} does after installing it),
 * when it fails.
 */
public final class TlsProxy implements AutoCloseable {

	static final Path NGINX = Path.of("/usr/sbin/nginx");

	private final Process process;

	private final Path dir;

	private final int port;

	private final SSLContext trust;

	private TlsProxy(Process process, Path dir, int port, SSLContext trust) {
		this.process = process;
		this.dir = dir;
		this.port = port;
		this.trust = trust;
	}

	/** Starts nginx in {@code dir}, proxying to {@code 127.0.0.1:upstreamPort}. */
	public static TlsProxy start(Path dir, int upstreamPort) throws IOException, GeneralSecurityException {
		requireInstalled();
		KeyStore.PrivateKeyEntry key = selfSigned(dir);
		Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", key.getCertificate().getEncoded()));
		Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getPrivateKey().getEncoded()));
		int port = freePort();
		Files.writeString(dir.resolve("nginx.conf"), config(dir, port, upstreamPort));
		Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c",
				dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		TlsProxy proxy = new TlsProxy(process, dir, port, trusting(key.getCertificate()));
		try {
			await("nginx listening on " + port).atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("nginx exited: " + proxy.log());
					}
					return listens(port);
				});
			return proxy;
		}
		catch (RuntimeException | Error ex) {
			proxy.close();
			throw ex;
		}
	}

	/**
	 * Skips the test (with the reason) where nginx is not installed, or fails it when
	 * {@code VIDEOSTORE_REQUIRE_NGINX} is set: call it before starting what the proxy
	 * would stand in front of.
	 */
	public static void requireInstalled() {
		if (!Files.isExecutable(NGINX)) {
			String why = "Debian's nginx is not installed (" + NGINX + ")";
			if (System.getenv("VIDEOSTORE_REQUIRE_NGINX") != null) {
				throw new IllegalStateException(why + ", and VIDEOSTORE_REQUIRE_NGINX is set");
			}
			Assumptions.abort(why + ": apt-get install nginx, as .ci/run does");
		}
	}

	/** The port nginx listens on, on 127.0.0.1, for https. */
	public int port() {
		return this.port;
	}

	/** TLS that trusts this proxy's certificate only, and checks its host name. */
	public SSLContext trust() {
		return this.trust;
	}

	/** nginx's own output and error log, for a failure's message. */
	public String log() throws IOException {
		StringBuilder log = new StringBuilder();
		for (String name : List.of("nginx.out", "error.log")) {
			Path file = this.dir.resolve(name);
			if (Files.exists(file)) {
				log.append(Files.readString(file));
			}
		}
		return log.toString();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static String config(Path dir, int port, int upstreamPort) {
		return """
				daemon off;
				master_process off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log notice;
				events { worker_connections 64; }
				http {
				  access_log %1$s/access.log;
				  client_body_temp_path %1$s/client_body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  server {
				    listen 127.0.0.1:%2$d ssl;
				    server_name localhost;
				    ssl_certificate %1$s/cert.pem;
				    ssl_certificate_key %1$s/key.pem;
				    location / {
				      proxy_pass http://127.0.0.1:%3$d;
				      proxy_set_header Host $host;
				      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				      proxy_set_header X-Forwarded-Proto $scheme;
				      proxy_set_header X-Forwarded-Host $host;
				      proxy_set_header X-Forwarded-Port $server_port;
				    }
				  }
				}
				""".formatted(dir.toAbsolutePath(), port, upstreamPort);
	}

	/**
	 * A key pair and self-signed certificate for localhost and 127.0.0.1, valid for a
	 * day, made by the JDK's keytool (no openssl needed).
	 */
	private static KeyStore.PrivateKeyEntry selfSigned(Path dir) throws IOException, GeneralSecurityException {
		Path store = dir.resolve("proxy.p12");
		char[] password = "changeit".toCharArray();
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", new String(password))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("keytool.out").toFile())
			.start();
		try {
			if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
				keytool.destroyForcibly();
				throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.out")));
			}
		}
		catch (InterruptedException ex) {
			keytool.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while keytool ran", ex);
		}
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, password);
		}
		return new KeyStore.PrivateKeyEntry((PrivateKey) keys.getKey("proxy", password),
				keys.getCertificateChain("proxy"));
	}

	private static SSLContext trusting(Certificate certificate) throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("proxy", certificate);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
