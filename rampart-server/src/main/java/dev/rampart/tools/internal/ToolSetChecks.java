package dev.rampart.tools.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.rampart.secrets.Credentials;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.OpenApiToolSets.Auth;
import dev.rampart.tools.OpenApiToolSets.NewToolSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks an OpenAPI tool set before it is saved, every problem at once by field: its name, its auth and the
 * tenant's credential it names, the operations it exposes, then the document itself (read and parsed) and the tool
 * names it makes, none of which may be a built-in tool's.
 */
final class ToolSetChecks {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

	private static final Set<String> AUTH_TYPES = Set.of("bearer", "header", "query", "basic");

	private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
			"upgrade", "te", "expect", "keep-alive", "proxy-connection", "trailer", "content-type", "idempotency-key");

	private final TenantTransactions transactions;
	private final Credentials credentials;
	private final BuiltInTools builtIns;
	private final OpenApiDocuments documents;

	ToolSetChecks(TenantTransactions transactions, Credentials credentials, BuiltInTools builtIns,
			OpenApiDocuments documents) {
		this.transactions = transactions;
		this.credentials = credentials;
		this.builtIns = builtIns;
		this.documents = documents;
	}

	/** A request checked in full: the document read and parsed, the auth and its credential. */
	record Checked(JsonNode document, OpenApiDocuments.Parsed parsed) {
	}

	Checked check(TenantId tenant, NewToolSet given) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!NAME.matcher(given.name()).matches()) {
			problems.add(new FieldProblem("name", "must be 1 to 32 lower case letters, digits or _, starting with a letter"));
		}
		Auth auth = given.auth();
		if (auth != null) {
			if (!AUTH_TYPES.contains(auth.type())) {
				problems.add(new FieldProblem("auth.type", "must be one of bearer, header, query, basic"));
			}
			boolean named = auth.type().equals("header") || auth.type().equals("query");
			if (named && (auth.name() == null || !TOKEN.matcher(auth.name()).matches())) {
				problems.add(new FieldProblem("auth.name", "must name the header or query parameter that carries the credential"));
			}
			else if (auth.type().equals("header") && RESERVED_HEADERS.contains(auth.name().toLowerCase(Locale.ROOT))) {
				problems.add(new FieldProblem("auth.name", "is a header Rampart sets itself"));
			}
			if (transactions.inTenant(tenant, () -> credentials.find(tenant, auth.credentialId())).isEmpty()) {
				problems.add(new FieldProblem("auth.credentialId", "no credential of this tenant has this id"));
			}
		}
		List<String> operations = given.operations();
		if (operations != null && (operations.isEmpty() || operations.size() > OpenApiDocuments.MAX_OPERATIONS
				|| new HashSet<>(operations).size() != operations.size())) {
			problems.add(new FieldProblem("operations", "must list 1 to " + OpenApiDocuments.MAX_OPERATIONS
					+ " different operationIds, or be left out for all"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		JsonNode document = documents.read(given.document());
		OpenApiDocuments.Parsed parsed = documents.parse(given.name(), document, given.baseUrl(), operations);
		for (OpenApiDocuments.Operation operation : parsed.operations()) {
			if (builtIns.find(operation.toolName()).isPresent()) {
				problems.add(new FieldProblem("name", "makes the tool " + operation.toolName()
						+ ", which is the name of a built-in tool; choose another set name"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		return new Checked(document, parsed);
	}
}
