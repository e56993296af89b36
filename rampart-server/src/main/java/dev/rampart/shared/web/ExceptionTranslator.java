package dev.rampart.shared.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.RequestBodyTooLargeException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns any exception into a safe problem. Only text Rampart composes itself goes into
 * {@code technicalDetails}; exception messages of libraries, SQL and stack traces never do.
 */
@Component
class ExceptionTranslator {

	private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");

	private final Problems problems;

	ExceptionTranslator(Problems problems) {
		this.problems = problems;
	}

	ProblemDetail translate(Throwable ex, HttpStatusCode fallbackStatus) {
		return switch (ex) {
			case InvalidFieldsException e -> problems.invalid(e);
			case RampartException e -> problems.of(e);
			case HttpMessageNotReadableException e -> unreadable(e);
			case BindException e -> problems.invalid(fieldProblems(e));
			case HandlerMethodValidationException e -> problems.of(ErrorCode.VALIDATION_FAILED,
					"A path or query parameter is invalid.");
			case MissingRequestValueException e -> problems.of(ErrorCode.MISSING_PARAMETER,
					"A required request value is missing.");
			case HttpMediaTypeNotSupportedException e -> problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type " + safe(String.valueOf(e.getContentType())) + " is not supported here; supported: "
							+ e.getSupportedMediaTypes() + ".");
			case HttpMediaTypeNotAcceptableException e -> problems.of(ErrorCode.NOT_ACCEPTABLE,
					"Supported response types: " + e.getSupportedMediaTypes() + ".");
			case HttpRequestMethodNotSupportedException e -> problems.of(ErrorCode.METHOD_NOT_ALLOWED,
					"Method " + safe(e.getMethod()) + " is not supported here; supported: " + e.getSupportedHttpMethods() + ".");
			case NoResourceFoundException e -> routeNotFound(e.getHttpMethod().name(), "/" + e.getResourcePath());
			case NoHandlerFoundException e -> routeNotFound(e.getHttpMethod(), e.getRequestURL());
			case MaxUploadSizeExceededException e -> problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
					"The upload exceeds the size limit.");
			case CannotGetJdbcConnectionException e -> databaseUnavailable();
			case DataAccessResourceFailureException e -> databaseUnavailable();
			case TransientDataAccessException e -> databaseUnavailable();
			// A unique constraint hit by a race that the service's own check could not see (two requests at once).
			case DuplicateKeyException e -> problems.of(ErrorCode.CONCURRENT_CHANGE,
					"A concurrent request created the same entry first.");
			default -> byStatus(fallbackStatus);
		};
	}

	ProblemDetail byStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> problems.of(ErrorCode.ROUTE_NOT_FOUND, "No endpoint matches this request.");
			case 405 -> problems.of(ErrorCode.METHOD_NOT_ALLOWED, "This address does not accept the method.");
			case 406 -> problems.of(ErrorCode.NOT_ACCEPTABLE, "The requested response type cannot be produced.");
			case 413 -> problems.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the size limit.");
			case 415 -> problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body format is not supported.");
			case 503 -> problems.of(ErrorCode.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.");
			default -> status.is4xxClientError()
					? problems.of(ErrorCode.MALFORMED_REQUEST, "The request was rejected (HTTP " + status.value() + ").")
					: problems.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred.");
		};
	}

	private ProblemDetail unreadable(HttpMessageNotReadableException e) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
		return switch (cause) {
			case RequestBodyTooLargeException tooLarge -> problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
					"The request body exceeds the limit of " + tooLarge.limitBytes() + " bytes.");
			case UnrecognizedPropertyException unknown -> problems.of(ErrorCode.UNKNOWN_FIELD,
					"Unknown field '" + safe(unknown.getPropertyName()) + "'" + at(unknown) + ".");
			case StreamConstraintsException limit -> overLimit(limit);
			case StreamReadException parse -> problems.of(ErrorCode.MALFORMED_REQUEST,
					"The request body is not valid JSON" + location(parse) + ".");
			case DatabindException bind -> problems.invalid(List.of(new FieldProblem(path(bind),
					"has the wrong type or format")));
			default -> problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is missing or cannot be read.");
		};
	}

	/**
	 * Jackson reports every read constraint with the same exception type; its message, which is
	 * never echoed, tells which limit was hit and what the limit is.
	 */
	private ProblemDetail overLimit(StreamConstraintsException e) {
		String message = String.valueOf(e.getOriginalMessage());
		Matcher limit = LIMIT.matcher(message);
		String max = limit.find() ? limit.group(1) : "the configured limit";
		String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
				: " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
		if (message.startsWith("String value length") || message.startsWith("Name length")) {
			return problems.of(ErrorCode.STRING_TOO_LONG, "A string in the request body is longer than " + max
					+ " characters" + where + ".");
		}
		if (message.startsWith("Document nesting depth")) {
			return problems.of(ErrorCode.NESTING_TOO_DEEP, "The request body nests objects and arrays deeper than "
					+ max + " levels" + where + ".");
		}
		return problems.of(ErrorCode.MALFORMED_REQUEST, "The request body exceeds a JSON reading limit" + where + ".");
	}

	private ProblemDetail routeNotFound(String method, String path) {
		return problems.of(ErrorCode.ROUTE_NOT_FOUND, "No endpoint " + safe(method) + " " + safe(path) + ".");
	}

	private ProblemDetail databaseUnavailable() {
		return problems.of(ErrorCode.DATABASE_UNAVAILABLE, "The database did not answer in time.",
				java.time.Duration.ofSeconds(5));
	}

	private static List<FieldProblem> fieldProblems(BindException e) {
		return e.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(),
					error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
			.toList();
	}

	private static String at(DatabindException e) {
		String path = path(e);
		return path.isEmpty() || path.equals("$") ? "" : " at " + path;
	}

	private static String path(DatabindException e) {
		StringBuilder path = new StringBuilder("$");
		for (var ref : e.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append('.').append(safe(ref.getPropertyName()));
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String location(StreamReadException e) {
		var location = e.getLocation();
		return location == null || location.getLineNr() < 0 ? ""
				: " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	/** Echoes client-supplied text back only in a bounded, printable form. */
	static String safe(String text) {
		String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
		return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
	}
}
