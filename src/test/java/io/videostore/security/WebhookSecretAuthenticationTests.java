package io.videostore.security;

import io.videostore.system.MalformedRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the webhook secret may be sent: the header, a bearer token, or (for IXON, which
 * only takes a URL) the {@code token} query parameter, in that order.
 */
class WebhookSecretAuthenticationTests {

	@Test
	void theSecretIsReadFromTheHeaderTheBearerTokenOrTheTokenParameter() {
		MockHttpServletRequest header = new MockHttpServletRequest("POST", "/webhook");
		header.addHeader("X-Webhook-Secret", "from-header");
		header.addHeader("Authorization", "Bearer from-bearer");
		MockHttpServletRequest bearer = new MockHttpServletRequest("POST", "/webhook");
		bearer.addHeader("Authorization", "bearer from-bearer ");
		bearer.setQueryString("token=from-token");
		MockHttpServletRequest token = new MockHttpServletRequest("POST", "/webhook");
		token.setQueryString("a=1&token=p%40ss%20word");

		assertThat(WebhookSecretAuthentication.presented(header, true)).isEqualTo("from-header");
		assertThat(WebhookSecretAuthentication.presented(bearer, true)).isEqualTo("from-bearer");
		assertThat(WebhookSecretAuthentication.presented(token, true)).isEqualTo("p@ss word");
	}

	@Test
	void theActuatorTakesTheSecretAsBearerTokenOnly() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
		request.addHeader("X-Webhook-Secret", "from-header");
		request.setQueryString("token=from-token");

		assertThat(WebhookSecretAuthentication.presented(request, false)).isNull();
	}

	@Test
	void aTokenThatIsNotValidPercentEncodingIsA400WithoutRepeatingIt() {
		assertThatThrownBy(() -> WebhookSecretAuthentication.token("token=s3cr%zzet"))
			.isInstanceOf(MalformedRequestException.class)
			.hasMessageContaining("%25")
			.hasMessageNotContaining("s3cr");
	}

}
