package dev.rampart.tools.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.EgressAllowlists;
import dev.rampart.tools.OpenApiToolSets.Auth;
import dev.rampart.tools.SafeHttp;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One operation of an OpenAPI tool set as a tool: builds the request from the arguments (path parameters encoded,
 * query and header parameters, a JSON body), adds the tool set's credential, which the model never sees, and sends it
 * through {@link SafeHttp} under the tenant's egress policy. Answers {@code {"status","contentType","body","truncated"}};
 * a 5xx answer or a refused or failed request is a failed result. The secret is cut out of anything returned, in case
 * a server echoes it.
 */
final class OpenApiTool implements Tool {


	/** Reads a credential's secret for a tenant. */
	@FunctionalInterface
	interface SecretReader {

		Optional<SecretValue> read(TenantId tenant, UUID credentialId);
	}

	private final String set;
	private final OpenApiDocuments.Operation operation;
	private final URI baseUrl;
	private final @Nullable Auth auth;
	private final SafeHttp http;
	private final EgressAllowlists egress;
	private final SecretReader secrets;
	private final JsonMapper json;

	OpenApiTool(String set, OpenApiDocuments.Operation operation, URI baseUrl, @Nullable Auth auth, SafeHttp http,
			EgressAllowlists egress, SecretReader secrets, JsonMapper json) {
		this.set = set;
		this.operation = operation;
		this.baseUrl = baseUrl;
		this.auth = auth;
		this.http = http;
		this.egress = egress;
		this.secrets = secrets;
		this.json = json;
	}

	@Override
	public String name() {
		return operation.toolName();
	}

	@Override
	public String description() {
		return operation.description();
	}

	@Override
	public JsonNode parameters() {
		return operation.parameters();
	}

	@Override
	public String source() {
		return "openapi:" + set;
	}

	@Override
	public ToolResult call(ToolCall call) {
		JsonNode args = call.arguments();
		String path = operation.path();
		StringBuilder query = new StringBuilder();
		Map<String, String> headers = new LinkedHashMap<>();
		for (OpenApiDocuments.Input input : operation.inputs()) {
			JsonNode value = args.get(input.property());
			if (value == null || value.isNull()) {
				if (input.in().equals("path")) {
					return ToolResult.failed("The argument '" + input.property() + "' is required.");
				}
				continue;
			}
			switch (input.in()) {
				case "path" -> path = path.replace("{" + input.name() + "}", Encoding.pathSegment(scalar(value)));
				case "query" -> {
					if (value.isArray()) {
						value.forEach(each -> Encoding.appendQuery(query, input.name(), scalar(each)));
					}
					else {
						Encoding.appendQuery(query, input.name(), scalar(value));
					}
				}
				default -> headers.put(input.name(), scalar(value));
			}
		}
		byte[] body = null;
		if (operation.jsonBody() && args.has("body") && !args.get("body").isNull()) {
			body = json.writeValueAsBytes(args.get("body"));
			headers.put("Content-Type", "application/json");
		}
		headers.putIfAbsent("Accept", "application/json");
		if (call.idempotencyKey() != null) {
			headers.put("Idempotency-Key", call.idempotencyKey());
		}
		String secret = null;
		if (auth != null) {
			Optional<SecretValue> stored = secrets.read(call.tenant(), auth.credentialId());
			if (stored.isEmpty()) {
				return ToolResult.failed("The tool set's credential no longer exists; ask an administrator to fix tool set " + set
						+ ".");
			}
			try (SecretValue value = stored.get()) {
				secret = value.reveal();
			}
			switch (auth.type()) {
				case "bearer" -> headers.put("Authorization", "Bearer " + secret);
				case "basic" -> headers.put("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
				case "query" -> Encoding.appendQuery(query, String.valueOf(auth.name()), secret);
				default -> headers.put(String.valueOf(auth.name()), secret);
			}
		}
		try {
			URI uri = uri(path, query);
			SafeHttp.Response response = http.send(call.tenant(),
					new SafeHttp.Request(operation.method(), uri, headers, body), egress.policyFor(call.tenant()));
			String output = HttpAnswers.of(json, response, redact(response.bodyText(), secret));
			return response.status() >= 500 ? ToolResult.failed(output) : ToolResult.ok(output);
		}
		catch (RampartException ex) {
			return ToolResult.failed(redact(ex.code() + ": " + ex.technicalDetails(), secret));
		}
		catch (IllegalArgumentException | URISyntaxException ex) {
			return ToolResult.failed(redact("The request could not be built: " + ex.getMessage(), secret));
		}
	}

	private URI uri(String path, StringBuilder query) throws URISyntaxException {
		String base = baseUrl.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return new URI(base + path + (query.isEmpty() ? "" : "?" + query));
	}

	private static String scalar(JsonNode value) {
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static String redact(String text, @Nullable String secret) {
		return secret == null || secret.length() < 4 ? text : text.replace(secret, "[credential]");
	}

	/** Percent-encoding for path segments and query strings (RFC 3986 unreserved characters stay as they are). */
	static final class Encoding {

		private Encoding() {
		}

		static String pathSegment(String value) {
			return encode(value);
		}

		static void appendQuery(StringBuilder query, String name, String value) {
			if (!query.isEmpty()) {
				query.append('&');
			}
			query.append(encode(name)).append('=').append(encode(value));
		}

		static String encode(String value) {
			StringBuilder out = new StringBuilder();
			for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
				int c = b & 0xff;
				if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
						|| c == '_' || c == '~') {
					out.append((char) c);
				}
				else {
					out.append('%').append(String.format(Locale.ROOT, "%02X", c));
				}
			}
			return out.toString();
		}
	}
}
