package dev.rampart.shared.startup;

/**
 * A reason Rampart cannot start that the operator can fix. The message is one sentence saying what
 * is wrong; {@code action} is one sentence saying what to do. Both are printed as they are.
 */
public class StartupProblem extends RuntimeException {

	private final String action;

	public StartupProblem(String message, String action) {
		this(message, action, null);
	}

	public StartupProblem(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String action() {
		return action;
	}
}
