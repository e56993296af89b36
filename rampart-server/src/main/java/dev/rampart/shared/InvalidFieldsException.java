package dev.rampart.shared;

import java.util.List;

import dev.rampart.shared.Problems.FieldProblem;

/**
 * A request that passed bean validation but breaks a rule only a service can check (an unknown
 * provider, a reference to something that does not exist). Reported as {@code VALIDATION_FAILED}
 * with the same {@code errors} list as bean validation; messages must be safe to show.
 */
public class InvalidFieldsException extends RampartException {

	private final List<FieldProblem> errors;

	public InvalidFieldsException(List<FieldProblem> errors) {
		this(ErrorCode.VALIDATION_FAILED, errors, errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid.");
	}

	/** For a more specific code than {@code VALIDATION_FAILED} that still lists the offending fields. */
	protected InvalidFieldsException(ErrorCode code, List<FieldProblem> errors, String technicalDetails) {
		super(code, technicalDetails);
		this.errors = List.copyOf(errors);
	}

	public InvalidFieldsException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> errors() {
		return errors;
	}

	/** For logs and tests: the code and count, then every field with its message. */
	@Override
	public String getMessage() {
		return super.getMessage() + " " + errors.stream().map(e -> e.field() + ": " + e.message()).toList();
	}
}
