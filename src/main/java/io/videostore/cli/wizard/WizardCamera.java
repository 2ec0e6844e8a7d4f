package io.videostore.cli.wizard;

import java.util.ArrayList;
import java.util.List;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;

/**
 * The camera's own settings: authentication and stream path, with the paths of well-known
 * camera brands.
 */
final class WizardCamera {

	/** A stream path offered in the menu. */
	record Preset(String label, String path) {
	}

	static final List<Preset> PRESETS = List.of(new Preset("Axis (MJPEG)", "/axis-cgi/mjpg/video.cgi"),
			new Preset("Hikvision (MJPEG preview, sub stream)", "/ISAPI/Streaming/channels/102/httpPreview"),
			new Preset("Dahua / Amcrest (MJPEG, sub stream)", "/cgi-bin/mjpg/video.cgi?channel=1&subtype=1"),
			new Preset("Mobotix (MJPEG)", "/control/faststream.jpg?stream=full"),
			new Preset("Reolink (HTTP-FLV, sub stream)", "/flv?port=1935&app=bcs&stream=channel0_sub.bcs"),
			new Preset("Generic MJPEG", "/mjpg/video.mjpg"));

	private final WizardConsole console;

	private final WizardMenu menu;

	WizardCamera(WizardConsole console, WizardMenu menu) {
		this.console = console;
		this.menu = menu;
	}

	CameraConfig ask(CameraConfig current) {
		List<AuthType> types = List.of(AuthType.NONE, AuthType.BASIC, AuthType.DIGEST);
		AuthType type = menu.choose("Camera authentication (the camera's own login, not IXON's):", types,
				(t) -> t.name().toLowerCase(), types.indexOf(current.auth().type()));
		CameraAuth auth = CameraAuth.NONE;
		if (type != AuthType.NONE) {
			String user = console.ask("Camera user name",
					current.auth().username().isBlank() ? null : current.auth().username());
			auth = new CameraAuth(type, user, console.askSecret("Camera password", current.auth().password()));
		}
		String path = path(current.streamPath());
		return new CameraConfig(current.id(), current.name(), current.source(), current.url(), auth,
				current.companyId(), current.webaccessServiceId(), current.webaccessAccessType(), path, current.match(),
				current.video());
	}

	private String path(String current) {
		List<Preset> options = new ArrayList<>();
		if (current != null && !current.isBlank()) {
			options.add(new Preset("Keep the current path", current));
		}
		options.addAll(PRESETS);
		options.add(new Preset("Other (type the path)", null));
		Preset preset = menu.choose("Stream path on the camera:", options,
				(p) -> p.label() + ((p.path() != null) ? ": " + p.path() : ""), 0);
		if (preset.path() != null) {
			return preset.path();
		}
		while (true) {
			String path = console.ask("Stream path (e.g. /video.mjpg)", null);
			if (!path.contains(" ")) {
				return path.startsWith("/") ? path : "/" + path;
			}
			console.say("  A path has no spaces (write them as %20).");
		}
	}

}
