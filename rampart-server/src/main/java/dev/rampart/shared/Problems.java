package dev.rampart.shared;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds the RFC 9457 problem every error response carries, extended with the user-friendly
 * fields: {@code code}, {@code userMessage}, {@code technicalDetails}, {@code suggestedActions},
 * {@code canRetry}, {@code estimatedRecoveryTime} (seconds, when known) and {@code traceId}.
 */
@Component
public class Problems {

	private static final String TYPE_BASE = "https://rampart.dev/problems/";

	private final TraceIds traceIds;

	public Problems(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	public ProblemDetail of(ErrorCode code, String technicalDetails) {
		return of(code, technicalDetails, null);
	}

	public ProblemDetail of(ErrorCode code, String technicalDetails, @Nullable Duration estimatedRecoveryTime) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), code.userMessage());
		problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-')));
		problem.setTitle(code.status().getReasonPhrase());
		problem.setProperty("code", code.name());
		problem.setProperty("userMessage", code.userMessage());
		problem.setProperty("technicalDetails", technicalDetails);
		problem.setProperty("suggestedActions", code.suggestedActions());
		problem.setProperty("canRetry", code.retryable());
		if (estimatedRecoveryTime != null) {
			problem.setProperty("estimatedRecoveryTime", Math.max(1, estimatedRecoveryTime.toSeconds()));
		}
		problem.setProperty("traceId", traceIds.current());
		return problem;
	}

	public ProblemDetail of(RampartException exception) {
		return of(exception.code(), exception.technicalDetails(), exception.estimatedRecoveryTime());
	}

	/** The problem's fields as one flat map, as a stream's {@code error} event carries them (SSE has no problem+json). */
	public Map<String, @Nullable Object> fields(RampartException exception) {
		ProblemDetail problem = of(exception);
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("type", problem.getType().toString());
		fields.put("title", problem.getTitle());
		fields.put("status", problem.getStatus());
		fields.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			fields.putAll(problem.getProperties());
		}
		return fields;
	}

	/** A validation problem that also lists each offending field with a safe message. */
	public ProblemDetail invalid(List<FieldProblem> errors) {
		return invalid(new InvalidFieldsException(errors));
	}

	/** The problem of an {@link InvalidFieldsException}: its code, with each offending field listed. */
	public ProblemDetail invalid(InvalidFieldsException exception) {
		ProblemDetail problem = of(exception);
		problem.setProperty("errors", exception.errors());
		return problem;
	}

	/** One invalid field of a request. */
	public record FieldProblem(String field, String message) {
	}
}
