package io.videostore.system;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refused request is told, and what the log says of it: never the request itself.
 */
class MalformedRequestExceptionTests {

	@Test
	void aRejectedHeaderIsDescribedWithoutItsValue() {
		String detail = MalformedRequestException.describe(new RequestRejectedException(
				"The request was rejected because the header value \"Bearer s3cret\u0007\" is not allowed."));

		assertThat(detail).isEqualTo("a header name or value holds a character that is not allowed")
			.doesNotContain("s3cret");
	}

	@Test
	void ourOwnRejectionSaysWhatItSays() {
		assertThat(MalformedRequestException.describe(new MalformedRequestException("the query string is bad")))
			.isEqualTo("the query string is bad");
	}

}
