package io.videostore.camera;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where a camera's stream is behind an IXON web-access URL: {@code base + stream_path},
 * whatever the slashes and query of either, and an explicit error for a path that is no
 * URL path.
 */
class IxonWebAccessTests {

	@Test
	void streamUriIsTheBaseBeforeAuthPlusTheStreamPathWithOneSlash() {
		assertThat(uri("https://x.ixon.net/?auth=abc", "/axis-cgi/mjpg/video.cgi"))
			.isEqualTo("https://x.ixon.net/axis-cgi/mjpg/video.cgi");
		assertThat(uri("https://x.ixon.net?auth=abc", "mjpg/video.mjpg"))
			.isEqualTo("https://x.ixon.net/mjpg/video.mjpg");
		assertThat(uri("https://x.ixon.net/s/1/?auth=abc&x=1", "//cgi-bin/mjpg/video.cgi?channel=1&subtype=1"))
			.isEqualTo("https://x.ixon.net/s/1/cgi-bin/mjpg/video.cgi?channel=1&subtype=1");
		assertThat(uri("https://x.ixon.net/s/1", "/a")).isEqualTo("https://x.ixon.net/s/1/a");
		assertThat(uri("https://x.ixon.net/s/1?session=2", "")).isEqualTo("https://x.ixon.net/s/1/");
	}

	@Test
	void theAuthCodeNeverReachesTheStreamUrlOrTheLoggedOrigin() {
		URI webAccess = URI.create("https://x.ixon.net/s/1/?auth=one-off-secret");

		assertThat(uri(webAccess.toString(), "/mjpg/video.mjpg")).doesNotContain("one-off-secret");
		assertThat(IxonWebAccess.origin(webAccess)).isEqualTo("https://x.ixon.net");
	}

	@Test
	void aStreamPathWithASpaceIsAConfigurationErrorSayingHowToWriteIt() {
		assertThatExceptionOfType(CameraException.class)
			.isThrownBy(() -> IxonWebAccess.streamUri(URI.create("https://x.ixon.net/?auth=a"), "/my stream", "cam: "))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(CameraException.Reason.NOT_CONFIGURED))
			.withMessageContaining("stream_path '/my stream' is not a valid URL path");
	}

	private static String uri(String webAccess, String path) {
		return IxonWebAccess.streamUri(URI.create(webAccess), path, "").toString();
	}

}
