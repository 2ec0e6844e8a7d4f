package io.videostore.security;

import java.util.List;

import io.videostore.config.AppConfig;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat at the edge: {@code server.trusted_proxies} drives Tomcat's
 * {@link RemoteIpValve}, so that for a request a trusted proxy relayed, the client
 * address, scheme ({@code Secure} cookies, https redirects) and host are the ones its
 * {@code X-Forwarded-*} headers give, and for any other request nobody's such headers
 * count; and Tomcat's own HTML error pages become problem+json
 * ({@link ProblemErrorValve}).
 * <p>
 * The valve is added here rather than through Boot's
 * {@code server.forward-headers-strategy} because Boot trusts every private address by
 * default and turns that on by itself on a cloud platform; here only the configured
 * proxies are trusted, and {@code application.properties} keeps Boot's strategy off.
 */
@Component
class WebServerEdge implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final List<String> trustedProxies;

	WebServerEdge(AppConfig config) {
		this.trustedProxies = config.server().trustedProxies();
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (!this.trustedProxies.isEmpty()) {
			factory.addEngineValves(remoteIpValve(this.trustedProxies));
		}
		factory.addContextCustomizers((context) -> problemErrorPages(context.getParent()));
	}

	/** After Boot's customizer, which adds Tomcat's own error valve. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static RemoteIpValve remoteIpValve(List<String> proxies) {
		RemoteIpValve valve = new RemoteIpValve();
		// A list with a '/' is read as CIDR ranges: each entry gets its prefix length.
		valve.setInternalProxies(String.join(",", proxies.stream().map(WebServerEdge::cidr).toList()));
		valve.setTrustedProxies(null);
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		valve.setHostHeader("X-Forwarded-Host");
		valve.setPortHeader("X-Forwarded-Port");
		return valve;
	}

	static String cidr(String entry) {
		return (entry.indexOf('/') >= 0) ? entry : entry + ((entry.indexOf(':') >= 0) ? "/128" : "/32");
	}

	private static void problemErrorPages(Container host) {
		if (host instanceof StandardHost standard) {
			standard.setErrorReportValveClass(ProblemErrorValve.class.getName());
		}
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorValve)) {
				host.getPipeline().removeValve(valve);
			}
		}
		ProblemErrorValve problems = new ProblemErrorValve();
		problems.setShowReport(false);
		problems.setShowServerInfo(false);
		host.getPipeline().addValve(problems);
	}

}
