package io.videostore.system;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that maps exceptions to HTTP answers: problem+json with a specific title
 * and detail, never a stack trace. Spring's own MVC errors (wrong method, media type…)
 * are handled by the base class the same way.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
		problem.setTitle(ex.title());
		problem.setInstance(instance(request.getRequestURI()));
		ex.properties().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		ex.headers().forEach(headers::add);
		return ResponseEntity.status(ex.status()).headers(headers).body(problem);
	}

	/**
	 * 400 naming the path variable or parameter whose value has the wrong type (an id
	 * that is no number); the value itself is not repeated.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException m) ? m.getName() : ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		boolean number = type != null
				&& (Number.class.isAssignableFrom(type) || type == long.class || type == int.class);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				name + ": " + (number ? "must be a whole number" : "has the wrong form"));
		problem.setTitle("Invalid parameter");
		problem.setProperty("parameter", name);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * 400 for a request the firewall refused (its {@code RequestRejectedHandler} hands
	 * the rejection here), or whose parameters a controller was the first to read and
	 * could not (a bad %-escape in a form body, a character the firewall refuses).
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> malformed(RequestRejectedException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				MalformedRequestException.describe(ex));
		problem.setTitle("Bad Request");
		problem.setInstance(instance(request.getRequestURI()));
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * 503 with {@code Retry-After} while the index database does not answer (a server
	 * restarting, a network cut, a full disk): the request may work again in a moment.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> indexUnavailable(RuntimeException ex, HttpServletRequest request) {
		log.warn("{} {}: the index database failed ({}); answered 503", request.getMethod(), request.getRequestURI(),
				ex.getClass().getSimpleName());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the index database does not answer; try again in a moment");
		problem.setTitle("Index unavailable");
		problem.setInstance(instance(request.getRequestURI()));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	/** Spring MVC's own errors (wrong method, media type…), with a safe instance too. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			if (servlet.getResponse() != null && servlet.getResponse().isCommitted()) {
				// The client went away or sent less than it said: nobody to answer, and
				// no
				// WARN line per such request (the base class writes one).
				log.debug("{} after the answer was sent; nothing more to say", ex.getClass().getSimpleName());
				return null;
			}
			if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
				problem.setInstance(instance(servlet.getRequest().getRequestURI()));
			}
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/**
	 * The request's path as the problem's {@code instance}, set here because Spring's own
	 * {@code URI.create} of it throws for a path such as {@code //} (the firewall's 400
	 * for it then failed in the handler); {@code /} for a path that is no relative URI.
	 */
	static URI instance(String path) {
		try {
			URI uri = new URI(path);
			if (uri.getScheme() == null && uri.getRawAuthority() == null && path.startsWith("/")) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// not a path a URI can hold
		}
		return URI.create("/");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		// Boot 4.0's health endpoint asserts (IllegalStateException) instead of answering
		// 404 for a path below a component that does not exist (/actuator/health/a/b).
		// Health indicators' own failures never escape it: they turn into DOWN.
		if (ex instanceof IllegalStateException && request.getRequestURI().startsWith("/actuator/health/")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"no health component or group at this path");
			problem.setTitle("Not Found");
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
		}
		log.error("Unexpected error while handling a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"internal error; the service log has the details");
		problem.setTitle("Internal error");
		problem.setInstance(instance(request.getRequestURI()));
		return ResponseEntity.internalServerError().body(problem);
	}

}
