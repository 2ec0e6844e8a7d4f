package io.videostore.testcam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A camera behind the fake web-access proxy and the fake IXON API, plus config.yml files
 * that point at them.
 */
public final class IxonRig implements AutoCloseable {

	public static final String CAMERA_PASSWORD = "Cam-Pa55word-xyz";

	public final TestCamera camera;

	public final WebAccessProxy proxy;

	public final FakeIxon ixon;

	public IxonRig(TestCamera.Options options) throws IOException {
		this.camera = TestCamera.start(options);
		this.proxy = WebAccessProxy.start(camera);
		this.ixon = FakeIxon.start(proxy);
	}

	public static IxonRig digest() throws IOException {
		return new IxonRig(TestCamera.Options.digest("viewer", CAMERA_PASSWORD));
	}

	/**
	 * The {@code IXON_api} section for the fake, with this password and no 2FA secret.
	 */
	public String ixonSection(String password) {
		return """
				IXON_api:
				  api_key: '%s'
				  email: '%s'
				  password: '%s'
				  base_url: '%s'
				""".formatted(FakeIxon.APPLICATION, FakeIxon.EMAIL, password, ixon.baseUrl());
	}

	/**
	 * A complete config.yml with the legacy camera section pointing at the fake, 2 s
	 * clips into {@code videos}.
	 */
	public Path config(Path dir, String ixonPassword, String cameraPassword, String streamPath) throws IOException {
		return Files.writeString(dir.resolve("config.yml"), ixonSection(ixonPassword) + """
				camera:
				  auth: {type: digest, username: viewer, password: '%s'}
				  company_id: '%s'
				  webaccess_service_id: '%s'
				  stream_path: '%s'
				video:
				  duration: 2
				  output: '%s'
				""".formatted(cameraPassword, FakeIxon.COMPANY, FakeIxon.SERVICE, streamPath, dir.resolve("videos")));
	}

	@Override
	public void close() {
		ixon.close();
		proxy.close();
		camera.close();
	}

}
