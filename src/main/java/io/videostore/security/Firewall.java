package io.videostore.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;

import io.videostore.system.MalformedRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} (encoded slashes, periods, percent signs,
 * {@code ;}, backslashes, unnormalized paths, odd methods and header characters are
 * refused), plus what it leaves to the servlet container: a query string that is not
 * valid %-encoded UTF-8 is refused before anything reads a parameter (Tomcat would throw
 * on the first {@code getParameter}, a 500), and so is a form body of that kind when it
 * is read. Optionally, only loopback host names are accepted
 * ({@link StrictHttpFirewall#setAllowedHostnames}): while the service listens on
 * loopback, a request naming another host can only be a browser led here by DNS
 * rebinding.
 * <p>
 * {@code /webhook} reads its {@code token} parameter from the raw query string itself, so
 * a query it does not use cannot cost an alarm.
 */
class Firewall extends StrictHttpFirewall {

	Firewall(boolean loopbackHostsOnly) {
		if (loopbackHostsOnly) {
			setAllowedHostnames(Callers::loopbackHost);
		}
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
		FirewalledRequest checked = super.getFirewalledRequest(request);
		if (!"/webhook".equals(request.getRequestURI())) {
			if (!wellFormed(request.getQueryString())) {
				throw new MalformedRequestException("the query string is not valid %-encoded UTF-8: write a % as %25");
			}
			if (!concreteMediaType(request.getContentType())) {
				throw new MalformedRequestException(
						"the Content-Type header is not a media type such as application/json");
			}
		}
		return new ParameterGuard(checked);
	}

	/**
	 * True for no {@code Content-Type}, or one that names a type and subtype: Spring MVC
	 * throws where it reads a wildcard or unparsable one (a 500).
	 */
	static boolean concreteMediaType(String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** True for no query, or one whose %-escapes are complete and decode to UTF-8. */
	static boolean wellFormed(String query) {
		if (query == null || query.indexOf('%') < 0) {
			return true;
		}
		ByteBuffer bytes = ByteBuffer.allocate(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
						|| Character.digit(query.charAt(i + 2), 16) < 0) {
					return false;
				}
				bytes.put((byte) Integer.parseInt(query, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				// Tomcat hands raw bytes on as ISO-8859-1 characters: one byte each.
				bytes.put((byte) c);
			}
		}
		bytes.flip();
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * Turns Tomcat's failure to decode parameters (a form body with a bad %-escape) into
	 * a rejection, which Spring Security answers with 400 wherever it is thrown.
	 */
	private static final class ParameterGuard extends FirewalledRequest {

		private final FirewalledRequest request;

		ParameterGuard(FirewalledRequest request) {
			super(request);
			this.request = request;
		}

		@Override
		public String getParameter(String name) {
			return guarded(() -> super.getParameter(name));
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return guarded(super::getParameterMap);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return guarded(super::getParameterNames);
		}

		@Override
		public String[] getParameterValues(String name) {
			return guarded(() -> super.getParameterValues(name));
		}

		@Override
		public void reset() {
			this.request.reset();
		}

		private static <T> T guarded(java.util.function.Supplier<T> read) {
			try {
				return read.get();
			}
			catch (InvalidParameterException ex) {
				throw new MalformedRequestException(
						"the request's parameters are not valid %-encoded UTF-8: write a % as %25");
			}
		}

	}

}
