package io.videostore.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The list's own link and its neighbours', with the same filters, relative to the
 * service.
 */
final class PageLinks {

	private PageLinks() {
	}

	static Map<String, String> of(HttpServletRequest request, int page, long pages) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", withPage(request, page));
		if (page + 1 < pages) {
			links.put("next", withPage(request, page + 1));
		}
		if (page > 0 && pages > 0) {
			links.put("prev", withPage(request, (int) Math.min(page - 1, pages - 1)));
		}
		return links;
	}

	private static String withPage(HttpServletRequest request, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(request.getRequestURI()).queryParam("page", page);
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals("page")) {
				uri.queryParam(name, (Object[]) values);
			}
		});
		return uri.encode().build().toUriString();
	}

}
