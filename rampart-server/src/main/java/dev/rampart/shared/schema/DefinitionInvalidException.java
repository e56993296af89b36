package dev.rampart.shared.schema;

import java.util.List;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;

/** A definition that breaks its JSON Schema: {@code DEFINITION_INVALID}, one entry per violation. */
public class DefinitionInvalidException extends InvalidFieldsException {

	public DefinitionInvalidException(String schema, List<FieldProblem> errors) {
		super(ErrorCode.DEFINITION_INVALID, errors,
				errors.size() + (errors.size() == 1 ? " problem" : " problems") + " against the schema " + schema + ".");
	}
}
