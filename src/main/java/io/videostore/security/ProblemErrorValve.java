package io.videostore.security;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers, for requests it refuses before the application sees them (a
 * malformed request line or URL, an unknown transfer coding: 400, 501, 505), as the same
 * problem+json the application gives instead of Tomcat's HTML page. Errors inside the
 * application never get here: they go to {@code /error}. Tomcat's extension point for
 * these is this valve's {@link #report}.
 */
public class ProblemErrorValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
						+ ",\"detail\":\"" + detail(status) + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot be written: nothing to tell.
		}
	}

	static String detail(int status) {
		return switch (status) {
			case 400 -> "the request could not be read: its request line, URL or headers are malformed";
			case 501 -> "the request uses a transfer coding this server does not implement";
			case 505 -> "this HTTP version is not supported; use HTTP/1.1";
			case 413, 431 -> "the request or its headers are too large";
			default -> "the request could not be handled";
		};
	}

}
