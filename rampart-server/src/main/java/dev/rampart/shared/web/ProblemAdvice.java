package dev.rampart.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The one place where exceptions become problem+json responses. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	private final ExceptionTranslator translator;

	ProblemAdvice(ExceptionTranslator translator) {
		this.translator = translator;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> anyOther(Exception ex, HttpServletRequest request) {
		ProblemDetail problem = translator.translate(ex, HttpStatus.INTERNAL_SERVER_ERROR);
		logServerError(ex, problem, request.getMethod() + " " + request.getRequestURI());
		return respond(problem, new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = translator.translate(ex, statusCode);
		logServerError(ex, problem, request.getDescription(false));
		return respond(problem, headers);
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
		HttpHeaders out = new HttpHeaders();
		out.addAll(headers);
		out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		// RFC 9110: a 429 or 503 with a known recovery time tells the client when to come back.
		if ((problem.getStatus() == 429 || problem.getStatus() == 503) && problem.getProperties() != null
				&& problem.getProperties().get("estimatedRecoveryTime") instanceof Number seconds) {
			out.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
		}
		return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
	}

	private static void logServerError(Exception ex, ProblemDetail problem, String where) {
		if (problem.getStatus() >= 500) {
			log.error("Request {} failed with {}", where, problem.getProperties().get("code"), ex);
		}
		else {
			log.debug("Request {} rejected with {}", where, problem.getProperties().get("code"), ex);
		}
	}
}
