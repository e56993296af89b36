package dev.rampart.tools;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's OpenAPI tool sets (docs/tools.md, "OpenAPI tool sets"): each operation of a document becomes a tool named
 * {@code <set>_<operationId in snake_case>}, calling the API with a credential the platform injects, so the model never
 * sees it. Changes are audited; the tools appear in {@link Tools} at once on this node.
 */
public interface OpenApiToolSets {

	/**
	 * {@code tool:write}.
	 *
	 * @throws dev.rampart.shared.InvalidFieldsException naming what is wrong in the document by path
	 * @throws dev.rampart.shared.RampartException {@code TOOL_SET_NAME_TAKEN}
	 */
	ToolSet create(TenantId tenant, NewToolSet toolSet);

	/** {@code tool:read}, by name. */
	List<ToolSet> list(TenantId tenant);

	/** {@code tool:read}. */
	Optional<ToolSet> find(TenantId tenant, UUID id);

	/**
	 * {@code tool:write}: replaces the tool set as a whole; empty when there is none.
	 *
	 * @throws dev.rampart.shared.RampartException {@code TOOL_IN_USE} when a tool it would drop is still bound to an agent
	 */
	Optional<ToolSet> replace(TenantId tenant, UUID id, NewToolSet toolSet);

	/**
	 * {@code tool:write}; false when there was none.
	 *
	 * @throws dev.rampart.shared.RampartException {@code TOOL_IN_USE} naming what still uses its tools
	 */
	boolean delete(TenantId tenant, UUID id);

	/**
	 * What a tenant gives to create or replace a tool set.
	 *
	 * @param name lower case letters, digits and {@code _}, starting with a letter, at most 32 characters
	 * @param document the OpenAPI 3.0 or 3.1 document: a JSON object, or its JSON or YAML text
	 * @param baseUrl where to send requests; overrides the document's {@code servers[0].url}
	 * @param auth how to send the credential, or null for none
	 * @param operations the operationIds to expose, or null for all (at most 64 either way)
	 */
	record NewToolSet(String name, JsonNode document, @Nullable String baseUrl, @Nullable Auth auth,
			@Nullable List<String> operations) {
	}

	/**
	 * How a tool set sends its credential.
	 *
	 * @param type {@code bearer} ({@code Authorization: Bearer <secret>}), {@code header} (header {@code name}),
	 *     {@code query} (query parameter {@code name}) or {@code basic} (the secret is {@code user:password})
	 * @param name the header or query parameter, for {@code header} and {@code query}
	 * @param credentialId a credential of the tenant ({@code /api/v1/credentials})
	 */
	record Auth(String type, @Nullable String name, UUID credentialId) {
	}

	/**
	 * A stored tool set.
	 *
	 * @param document the document as JSON
	 * @param baseUrl where requests go (the given one, or the document's server)
	 * @param tools the tools it makes, in document order
	 */
	record ToolSet(UUID id, String name, JsonNode document, String baseUrl, @Nullable Auth auth,
			@Nullable List<String> operations, List<ToolSummary> tools, Instant createdAt, Instant updatedAt) {
	}

	/** A tool of a tool set, and the operation it calls. */
	record ToolSummary(String name, String operationId, String method, String path, String description) {
	}
}
