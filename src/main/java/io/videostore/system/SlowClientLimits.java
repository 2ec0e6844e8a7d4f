package io.videostore.system;

import java.time.Duration;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Keeps slow or stalled clients from holding the web server: Tomcat's connector becomes
 * {@link HeaderDeadlineProtocol} (a deadline for a request's head), and a request body
 * the application did not read is not drained at the client's pace after the answer. The
 * connection and idle limits themselves are Boot's {@code server.tomcat.*} properties,
 * set in {@code application.properties}.
 */
@Component
class SlowClientLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final Duration headerTimeout;

	SlowClientLimits(@Value("${videostore.http.header-timeout}") Duration headerTimeout) {
		this.headerTimeout = headerTimeout;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.setProtocol(HeaderDeadlineProtocol.class.getName());
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof HeaderDeadlineProtocol protocol) {
				protocol.setHeaderTimeout(headerTimeout.toMillis());
			}
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) {
				// Tomcat reads up to 2 MB of a body nobody read (a 401, a 404) before the
				// next request, at the client's pace: a body trickling a byte every few
				// seconds held a worker thread for ever. 0: close such a connection after
				// the answer instead; bodies the application reads are not affected.
				protocol.setMaxSwallowSize(0);
			}
		});
	}

	/** After Boot's own customizer, so the swallow limit above wins over its default. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
