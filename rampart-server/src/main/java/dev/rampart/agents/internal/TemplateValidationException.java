package dev.rampart.agents.internal;

import java.util.List;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;

/**
 * An agent built from a template failed its checks: {@code TEMPLATE_VALIDATION_FAILED}, every problem listed by the path
 * in the request ({@code values.topic}, {@code agent.model.chain[0].provider}).
 */
class TemplateValidationException extends InvalidFieldsException {

	TemplateValidationException(String templateId, List<FieldProblem> errors) {
		super(ErrorCode.TEMPLATE_VALIDATION_FAILED, errors, "The agent from template " + templateId + " has " + errors.size()
				+ (errors.size() == 1 ? " problem." : " problems."));
	}
}
