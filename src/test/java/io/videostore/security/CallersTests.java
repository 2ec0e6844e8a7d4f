package io.videostore.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests count as sent by this machine: the only ones trusted without a secret or
 * a login.
 */
class CallersTests {

	@Test
	void aDirectRequestFromLoopbackNamingLocalhostIsThisMachine() {
		assertThat(Callers.thisMachine(request("127.0.0.1", "localhost"))).isTrue();
		assertThat(Callers.thisMachine(request("0:0:0:0:0:0:0:1", "[::1]"))).isTrue();
		assertThat(Callers.thisMachine(request("127.0.0.1", "127.0.0.1"))).isTrue();
		assertThat(Callers.thisMachine(request("127.0.0.1", "app.localhost"))).isTrue();
	}

	@Test
	void anotherAddressIsNotThisMachine() {
		assertThat(Callers.thisMachine(request("198.51.100.7", "localhost"))).isFalse();
	}

	@Test
	void aBrowserLedHereByDnsRebindingIsNotThisMachine() {
		assertThat(Callers.thisMachine(request("127.0.0.1", "evil.example"))).isFalse();
		assertThat(Callers.thisMachine(request("127.0.0.1", "127.0.0.1.nip.io"))).isFalse();
	}

	@Test
	void anEmptyHostHeaderNamesNoMachineButAnHttp10RequestWithoutOneIsThisMachine() {
		MockHttpServletRequest empty = request("127.0.0.1", "127.0.0.1");
		empty.addHeader("Host", "");
		MockHttpServletRequest http10 = request("127.0.0.1", "127.0.0.1");
		http10.setProtocol("HTTP/1.0");

		assertThat(Callers.thisMachine(empty)).isFalse();
		assertThat(Callers.thisMachine(http10)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For", "X-Forwarded", "Forwarded-For", "X-Host", "CDN-Loop", "X-Remote-IP",
			"X-Remote-Addr", "X-Originating-IP", "X_Forwarded_For", "Forwarded", "Via", "X-Real-IP", "True-Client-IP",
			"CF-Connecting-IP", "X-Original-URL", "X-Forwarded-Proto", "X-Cluster-Client-IP", "Fastly-Client-IP",
			"X-ProxyUser-Ip", "WL-Proxy-Client-IP", "Proxy-Client-IP", "X-Envoy-External-Address" })
	void aRequestCarryingAnyProxyHeaderIsRelayedAndNotThisMachine(String header) {
		MockHttpServletRequest request = request("127.0.0.1", "localhost");
		request.addHeader(header, "203.0.113.9");

		assertThat(Callers.proxied(request)).isTrue();
		assertThat(Callers.thisMachine(request)).isFalse();
	}

	@Test
	void aPostFromAWebPageOfAnotherOriginIsNotThisMachine() {
		MockHttpServletRequest fromPage = request("127.0.0.1", "127.0.0.1");
		fromPage.setMethod("POST");
		fromPage.addHeader("Origin", "http://127.0.0.1:9999");
		MockHttpServletRequest crossSite = request("127.0.0.1", "localhost");
		crossSite.setMethod("POST");
		crossSite.addHeader("Sec-Fetch-Site", "cross-site");
		MockHttpServletRequest sameOrigin = request("127.0.0.1", "localhost");
		sameOrigin.setMethod("POST");
		sameOrigin.addHeader("Origin", "http://localhost:8080");

		assertThat(Callers.thisMachine(fromPage)).isFalse();
		assertThat(Callers.thisMachine(crossSite)).isFalse();
		assertThat(Callers.thisMachine(sameOrigin)).isTrue();
	}

	@Test
	void aHostNameIsNeverLookedUpToDecide() {
		assertThat(Callers.loopback("localhost")).isFalse();
		assertThat(Callers.loopback("127.0.0.1")).isTrue();
		assertThat(Callers.loopbackHost("localhost.")).isTrue();
		assertThat(Callers.loopbackHost("localhost.evil.example")).isFalse();
	}

	private static MockHttpServletRequest request(String from, String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/webhook");
		request.setRemoteAddr(from);
		request.setServerName(host);
		request.setServerPort(8080);
		return request;
	}

}
