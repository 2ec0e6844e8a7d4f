package io.videostore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layout of DESIGN § 1 holds: feature packages depend one way, and
 * {@code config} and {@code system}, used by all, depend on no feature. Read from the
 * sources' imports.
 */
class PackageDependencyTests {

	private static final Path SOURCES = Path.of("src/main/java/io/videostore");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.videostore\\.([a-z.]+?)\\.[A-Z]",
			Pattern.MULTILINE);

	@Test
	void packagesDependOnEachOtherWithoutCycles() throws IOException {
		Map<String, Set<String>> graph = dependencies();

		List<String> cycles = new ArrayList<>();
		for (String start : graph.keySet()) {
			findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
		}

		assertThat(graph).containsKeys("recording", "recording.preroll", "recording.ondemand", "ffmpeg", "webhook",
				"camera");
		assertThat(cycles).as("package cycles in %s", graph).isEmpty();
	}

	@Test
	void configAndSystemDependOnNoFeaturePackage() throws IOException {
		Map<String, Set<String>> graph = dependencies();

		assertThat(graph.getOrDefault("config", Set.of())).isSubsetOf("system");
		assertThat(graph.getOrDefault("system", Set.of())).isSubsetOf("config");
	}

	private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path,
			List<String> cycles) {
		for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				findCycle(graph, start, path, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				if (pkg.isEmpty()) {
					continue;
				}
				Matcher m = IMPORT.matcher(Files.readString(file));
				while (m.find()) {
					if (!m.group(1).equals(pkg)) {
						graph.computeIfAbsent(pkg, (k) -> new TreeSet<>()).add(m.group(1));
					}
				}
			}
		}
		return graph;
	}

}
