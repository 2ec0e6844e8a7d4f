package io.videostore.config.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.videostore.config.CameraConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.VideoConfig;

/**
 * Reads all cameras: the legacy {@code camera} section (as id {@code default}) first,
 * then {@code cameras}.
 */
final class CameraListReader {

	private final CameraReader reader;

	private final ConfigContext context;

	CameraListReader(VideoConfig video, ConfigContext context) {
		this.reader = new CameraReader(video, context);
		this.context = context;
	}

	/** The configured cameras; empty when none is configured. */
	List<CameraConfig> read(YamlMap root) {
		Optional<CameraConfig> legacy = this.reader.legacy(root.map("camera"));
		List<CameraConfig> cameras = new ArrayList<>();
		legacy.ifPresent(cameras::add);
		List<YamlValue> entries = root.fileValue("cameras")
			.map((value) -> value.items("a list of cameras"))
			.orElse(List.of());
		Set<String> ids = new HashSet<>();
		cameras.forEach((camera) -> ids.add(camera.id()));
		for (YamlValue entry : entries) {
			YamlMap map = entry.map("a map of camera settings");
			// One camera may go without an id; with several, ids keep file and variable
			// names stable.
			CameraConfig camera = this.reader.entry(map, (entries.size() == 1) ? "camera1" : null);
			if (!ids.add(camera.id())) {
				throw duplicate(map, camera.id(), legacy.isPresent() && camera.id().equals(CameraReader.LEGACY_ID));
			}
			cameras.add(camera);
		}
		return cameras;
	}

	private ConfigException duplicate(YamlMap camera, String id, boolean legacy) {
		String expected = legacy ? "an id other than '" + CameraReader.LEGACY_ID + "' (the camera section uses it)"
				: "a unique camera id";
		return this.context.error(camera.childPath("id"), camera.lineOf("id"), expected, "'" + id + "'");
	}

}
