package dev.rampart.identity;

import java.util.List;

import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * The rules a password a user chooses must meet: between the configured minimum and maximum length
 * in Unicode code points after NFC normalisation, not on the bundled list of common passwords
 * (ignoring case), and not containing the user's e-mail local part or name (ignoring case, parts of
 * at least 4 characters). It does not catch passwords leaked in breaches that are not on the list,
 * nor keyboard walks or dictionary words with substitutions. Messages never repeat the password.
 */
public interface PasswordPolicy {

	/** What is wrong with {@code candidate}, as safe sentences to show the user; empty when it is acceptable. */
	List<String> problems(SecretValue candidate, @Nullable String email, @Nullable String name);

	/**
	 * @throws InvalidFieldsException on the field {@code password}, one entry per problem, when
	 * {@link #problems} is not empty
	 */
	default void check(SecretValue candidate, @Nullable String email, @Nullable String name) {
		List<String> problems = problems(candidate, email, name);
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems.stream().map(p -> new FieldProblem("password", p)).toList());
		}
	}
}
