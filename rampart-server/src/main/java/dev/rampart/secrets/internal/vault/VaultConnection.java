package dev.rampart.secrets.internal.vault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;

import dev.rampart.secrets.SecretsProperties;
import dev.rampart.shared.startup.StartupProblem;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;

/**
 * The {@link VaultTemplate} Rampart reaches Vault or OpenBao through: token authentication, the JDK
 * HTTP client with the configured connect and read timeout, and the JVM's trust store for HTTPS.
 * {@link #open} refuses incomplete settings with a {@link StartupProblem}; {@link #close} releases the
 * HTTP client.
 */
final class VaultConnection implements AutoCloseable {

	private static final String ACTION = "Set RAMPART_VAULT_URI (e.g. https://vault.example.com:8200) and RAMPART_VAULT_TOKEN, "
			+ "or set rampart.secrets.kek.backend=keyring and rampart.secrets.store=database to run without Vault.";

	private final HttpClient httpClient;
	private final VaultCalls calls;

	private VaultConnection(HttpClient httpClient, VaultTemplate template) {
		this.httpClient = httpClient;
		this.calls = new VaultCalls(template);
	}

	static VaultConnection open(SecretsProperties.Vault settings) {
		URI uri = settings.uri();
		String token = settings.token();
		if (uri == null || token == null || token.isBlank()) {
			String missing = uri == null ? (token == null || token.isBlank() ? "address and token are" : "address is")
					: "token is";
			throw new StartupProblem("Vault is selected as a secrets backend but its " + missing + " not set.", ACTION);
		}
		VaultEndpoint endpoint;
		try {
			endpoint = VaultEndpoint.from(uri);
		}
		catch (IllegalArgumentException ex) {
			throw new StartupProblem("The Vault address " + uri + " is not a usable URL.",
					"Set RAMPART_VAULT_URI to an http or https URL with a host, e.g. https://vault.example.com:8200.", ex);
		}
		Duration timeout = settings.timeout();
		if (timeout.isNegative() || timeout.isZero()) {
			throw new StartupProblem("The Vault timeout " + timeout + " is not positive.",
					"Set rampart.secrets.vault.timeout to a positive duration such as 5s.");
		}
		HttpClient httpClient = httpClient(new ClientOptions(timeout, timeout));
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(timeout);
		VaultTemplate template = new VaultTemplate(endpoint, requestFactory,
				new SimpleSessionManager(new TokenAuthentication(token)));
		return new VaultConnection(httpClient, template);
	}

	VaultCalls calls() {
		return calls;
	}

	@Override
	public void close() {
		httpClient.close();
	}

	private static HttpClient httpClient(ClientOptions options) {
		try {
			return ClientHttpRequestFactoryFactory.JdkHttpClient.getBuilder(options, SslConfiguration.unconfigured()).build();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("the JDK HTTP client for Vault could not be set up", ex);
		}
	}
}
