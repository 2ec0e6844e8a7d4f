package io.videostore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code --health}: asks the service on this machine for its liveness probe, for
 * container and service managers that have no HTTP client of their own (the JRE image has
 * no curl). Exits 0 when the service answers UP, 1 otherwise, saying why in one line.
 */
final class HealthCheck {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final URI uri;

	private HealthCheck(URI uri) {
		this.uri = uri;
	}

	static HealthCheck of(int port) {
		return new HealthCheck(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"));
	}

	int run(PrintWriter out, PrintWriter err) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		HttpRequest request = HttpRequest.newBuilder(this.uri).timeout(TIMEOUT).GET().build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			boolean up = response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
			if (up) {
				out.println("UP");
				return ExitCodes.OK;
			}
			err.println("not up: " + this.uri + " answered HTTP " + response.statusCode());
		}
		catch (IOException ex) {
			err.println("not up: no answer from " + this.uri + " (" + ex.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("not up: interrupted");
		}
		return ExitCodes.RECORDING_FAILED;
	}

}
