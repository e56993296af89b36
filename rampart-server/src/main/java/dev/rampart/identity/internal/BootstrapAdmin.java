package dev.rampart.identity.internal;

import java.io.PrintStream;

import dev.rampart.identity.BootstrapProperties;
import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.User;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.startup.StartupProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;

/**
 * On a start that finds no platform admin: creates tenant {@code default} and its owner, a platform
 * admin. The configured password must pass the password policy; a generated one is printed once on
 * the console (not into the structured log) and must be changed at first sign-in.
 */
final class BootstrapAdmin implements ApplicationRunner {

	static final String DEFAULT_EMAIL = "admin@rampart.local";
	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final JdbcUsers users;
	private final JdbcTenants tenants;
	private final Passwords passwords;
	private final PasswordPolicy policy;
	private final BootstrapProperties properties;
	private final PrintStream console;

	BootstrapAdmin(JdbcUsers users, JdbcTenants tenants, Passwords passwords, PasswordPolicy policy,
			BootstrapProperties properties, PrintStream console) {
		this.users = users;
		this.tenants = tenants;
		this.passwords = passwords;
		this.policy = policy;
		this.properties = properties;
		this.console = console;
	}

	@Override
	public void run(ApplicationArguments args) {
		tenants.create(TenantId.DEFAULT, "default");
		if (users.anyPlatformAdmin()) {
			return;
		}
		boolean configured = notBlank(properties.adminEmail()) && notBlank(properties.adminPassword());
		String email = configured ? properties.adminEmail().strip() : DEFAULT_EMAIL;
		try (SecretValue password = configured ? SecretValue.of(properties.adminPassword()) : passwords.generate()) {
			if (configured) {
				try {
					policy.check(password, email, null);
				}
				catch (InvalidFieldsException ex) {
					throw new StartupProblem("RAMPART_BOOTSTRAP_ADMIN_PASSWORD does not meet the password policy: "
							+ ex.errors().getFirst().message() + ".", "Choose a longer, uncommon password (see docs/passwords.md).");
				}
			}
			User admin = users.create(email, null, passwords.hash(password), !configured, true);
			users.addMembership(admin.id(), TenantId.DEFAULT, "owner");
			log.info("Created the first platform admin {} as owner of tenant default", admin.id());
			if (!configured) {
				console.println("""

						  First start: a platform admin was created. Sign in with
						    e-mail:    %s
						    password:  %s
						  This is the only time the password is shown; you must change it at first sign-in.
						""".formatted(email, password.reveal()));
			}
		}
		catch (DuplicateKeyException ex) {
			log.info("Another node created the first platform admin at the same time");
		}
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}
}
