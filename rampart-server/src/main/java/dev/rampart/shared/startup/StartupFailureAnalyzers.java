package dev.rampart.shared.startup;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;

/**
 * Explains start-up failures in one sentence each (what is wrong) plus one sentence of action.
 * Registered in META-INF/spring.factories; ordered before Spring Boot's own analyzers.
 */
final class StartupFailureAnalyzers {

	private StartupFailureAnalyzers() {
	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class Problem extends AbstractFailureAnalyzer<StartupProblem> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
			return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
		}
	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class PortInUse extends AbstractFailureAnalyzer<PortInUseException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
			return new FailureAnalysis("Port " + cause.getPort() + " is already in use by another process.",
					"Stop that process or set RAMPART_PORT to a free port.", cause);
		}
	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class InvalidValue extends AbstractFailureAnalyzer<BindValidationException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
			String invalid = cause.getValidationErrors()
				.getAllErrors()
				.stream()
				.map(error -> error instanceof FieldError field
						? cause.getValidationErrors().getName() + "." + kebab(field.getField()) + " = '"
								+ field.getRejectedValue() + "' " + field.getDefaultMessage()
						: error.getDefaultMessage())
				.collect(Collectors.joining("; "));
			return new FailureAnalysis("Invalid configuration value: " + invalid + ".",
					"Change the property (or its RAMPART_* environment variable) to a value in the allowed range.",
					cause);
		}
	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class UnreadableValue extends AbstractFailureAnalyzer<BindException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
			if (cause.getCause() instanceof BindValidationException) {
				return null;
			}
			// a settings record that checks itself says what is wrong, naming the property (rampart.…)
			for (Throwable reason = cause.getCause(); reason != null; reason = reason.getCause()) {
				if (reason instanceof IllegalArgumentException invalid && invalid.getMessage() != null
						&& invalid.getMessage().startsWith("rampart.")) {
					return new FailureAnalysis("Invalid configuration value: " + invalid.getMessage() + ".",
							"Change the property (or its RAMPART_* environment variable) to a valid value.", cause);
				}
			}
			Object value = cause.getProperty() == null ? "" : cause.getProperty().getValue();
			return new FailureAnalysis(
					"Invalid configuration value: " + cause.getName() + " = '" + value + "' cannot be read as "
							+ cause.getTarget().getType() + ".",
					"Give the property (or its RAMPART_* environment variable) a value of that type, e.g. 30s for a duration.",
					cause);
		}
	}

	private static String kebab(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}
}
