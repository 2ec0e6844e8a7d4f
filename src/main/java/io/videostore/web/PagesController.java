package io.videostore.web;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The UI's pages: HTML shells under {@code static/app} whose scripts draw them from the
 * REST API. Each page hands the browser its CSRF token (the {@code XSRF-TOKEN} cookie),
 * which the scripts send back with every change they ask for.
 */
@Controller
class PagesController {

	@GetMapping({ "/", "/alarms" })
	String alarms(CsrfToken csrf) {
		csrf.getToken();
		return "forward:/app/index.html";
	}

	@GetMapping("/alarms/{id:[0-9]{1,18}}")
	String alarm(@PathVariable String id, CsrfToken csrf) {
		csrf.getToken();
		return "forward:/app/alarm.html";
	}

	@GetMapping("/status")
	String status(CsrfToken csrf) {
		csrf.getToken();
		return "forward:/app/status.html";
	}

	/**
	 * Who is logged in (null on this machine without users, which is trusted as the
	 * machine, not as a user): the header shows it.
	 */
	@GetMapping(path = "/session", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> session(Authentication user) {
		Map<String, Object> session = new HashMap<>();
		boolean webUser = user != null
				&& user.getAuthorities().stream().anyMatch((a) -> "ROLE_USER".equals(a.getAuthority()));
		session.put("user", webUser ? user.getName() : null);
		return session;
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(HttpServletRequest request, CsrfToken csrf) {
		return LoginPage.html(csrf, request.getParameter("error") != null, request.getParameter("logout") != null);
	}

}
