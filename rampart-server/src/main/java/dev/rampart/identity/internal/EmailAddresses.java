package dev.rampart.identity.internal;

import java.util.regex.Pattern;

import dev.rampart.shared.InvalidFieldsException;
import org.jspecify.annotations.Nullable;

/**
 * The shape an e-mail address must have to become an account: local part, {@code @}, a domain with
 * a dot, no spaces or control characters, at most 320 characters. Whether it receives mail is not checked.
 */
final class EmailAddresses {

	private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

	private EmailAddresses() {
	}

	/** The address without surrounding blanks; @throws InvalidFieldsException on {@code field} otherwise. */
	static String check(String field, @Nullable String email) {
		String stripped = email == null ? "" : email.strip();
		if (stripped.length() > 320 || !SHAPE.matcher(stripped).matches()) {
			throw new InvalidFieldsException(field, "must be an e-mail address such as ada@example.org");
		}
		return stripped;
	}
}
