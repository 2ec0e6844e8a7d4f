package io.videostore.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.videostore.testcam.Browser;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alarms page in headless Chromium, each time in a fresh browser (empty cache): what
 * it transfers, and how long until the first chart is drawn and until the page is
 * complete (list, timeline and heat map). Arguments: the service's base URL, how many
 * runs.
 */
public final class UiTiming {

	private UiTiming() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int runs = Integer.parseInt(args[1]);
		List<Double> chart = new ArrayList<>();
		List<Double> ready = new ArrayList<>();
		List<Double> kb = new ArrayList<>();
		List<Double> decodedKb = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			try (Browser browser = Browser.start(1280, 1000)) {
				browser.driver.get(base + "/");
				new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(60))
					.until((d) -> "true".equals(browser.js("return document.body.dataset.ready")));
				@SuppressWarnings("unchecked")
				Map<String, Object> m = (Map<String, Object>) browser.js("""
						const nav = performance.getEntriesByType('navigation')[0];
						const all = [nav, ...performance.getEntriesByType('resource')];
						const mark = (n) => (performance.getEntriesByName(n)[0] || {}).startTime;
						return {chart: mark('vs-first-chart'), ready: mark('vs-ready'),
						  bytes: all.reduce((s, e) => s + (e.transferSize || 0), 0),
						  decoded: all.reduce((s, e) => s + (e.decodedBodySize || 0), 0), requests: all.length};""");
				chart.add(((Number) m.get("chart")).doubleValue());
				ready.add(((Number) m.get("ready")).doubleValue());
				kb.add(((Number) m.get("bytes")).doubleValue() / 1024);
				decodedKb.add(((Number) m.get("decoded")).doubleValue() / 1024);
				System.out.printf(Locale.ROOT,
						"run %d: first chart %.0f ms, complete %.0f ms, %d requests, %.0f KB "
								+ "transferred (%.0f KB decoded)%n",
						i + 1, chart.get(i), ready.get(i), ((Number) m.get("requests")).intValue(), kb.get(i),
						decodedKb.get(i));
			}
		}
		System.out.printf(Locale.ROOT,
				"median of %d: first chart %.0f ms, complete %.0f ms, %.0f KB transferred " + "(%.0f KB decoded)%n",
				runs, median(chart), median(ready), median(kb), median(decodedKb));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
