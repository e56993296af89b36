package dev.rampart.shared.web;

import dev.rampart.shared.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (in filters, in the servlet container) with the
 * same problem+json as everything else, replacing Spring Boot's whitelabel/JSON error page.
 */
@PublicEndpoint("renders errors of requests already refused or failed")
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	private final ExceptionTranslator translator;

	ProblemErrorController(ExceptionTranslator translator) {
		this.translator = translator;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ProblemDetail problem = exception instanceof Throwable failure ? translator.translate(failure, status)
				: translator.byStatus(status);
		if (problem.getStatus() >= 500) {
			log.error("Request {} failed outside the MVC layer with status {}",
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), status.value(),
					exception instanceof Throwable t ? t : null);
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
