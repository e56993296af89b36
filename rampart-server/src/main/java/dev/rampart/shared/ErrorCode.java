package dev.rampart.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * The catalog of every error code a Rampart client can see. Each code fixes its HTTP status, the
 * sentence shown to the user, what the user can do about it, and whether the same request may
 * succeed later. Modules add their codes here so that clients have one place to look.
 */
public enum ErrorCode {

	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, false, "The request could not be read.",
			"Send a valid JSON document in the request body", "Check the request against the API documentation at /v3/api-docs"),
	UNKNOWN_FIELD(HttpStatus.BAD_REQUEST, false, "The request contains a field that this endpoint does not accept.",
			"Remove the field named in technicalDetails", "Check the field names against the API documentation at /v3/api-docs"),
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, false, "Some fields of the request are missing or invalid.",
			"Correct the fields listed in errors and send the request again"),
	MISSING_PARAMETER(HttpStatus.BAD_REQUEST, false, "A required parameter is missing.",
			"Add the parameter named in technicalDetails"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, false, "The request body has a format this endpoint does not accept.",
			"Send the body as JSON with the header Content-Type: application/json"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, false, "The response cannot be produced in the format you asked for.",
			"Accept application/json or application/problem+json"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, false, "The request body is too large.",
			"Send a smaller body; the limit is given in technicalDetails"),
	STRING_TOO_LONG(HttpStatus.BAD_REQUEST, false, "A text value in the request is too long.",
			"Shorten the value; the limit is given in technicalDetails"),
	ARRAY_TOO_LONG(HttpStatus.BAD_REQUEST, false, "A list in the request has too many elements.",
			"Send fewer elements, or split the request; the limit is given in technicalDetails"),
	NESTING_TOO_DEEP(HttpStatus.BAD_REQUEST, false, "The request body is nested too deeply.",
			"Flatten the JSON document; the limit is given in technicalDetails"),
	DEFINITION_INVALID(HttpStatus.BAD_REQUEST, false, "The definition does not match its schema.",
			"Correct every entry listed in errors (each names the path of the offending value) and send it again",
			"Fetch the schema from /api/v1/schemas/{name}, or check a draft with POST /api/v1/schemas/{name}/validate"),
	ORIGIN_NOT_ALLOWED(HttpStatus.FORBIDDEN, false, "Web pages from this origin may not call the Rampart API.",
			"Call the API from the Rampart console or a server-side client",
			"An administrator can allow the origin in rampart.gateway.cors.allowed-origins"),
	ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, false, "There is no such address in the Rampart API.",
			"Check the path for typos", "See the list of endpoints at /v3/api-docs"),
	RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, false, "The resource does not exist or you do not have access to it.",
			"Check the id", "List the resources to find the one you want"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, false, "This address does not accept that HTTP method.",
			"Use one of the methods in the Allow header"),
	AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, false, "You need to sign in to use this endpoint.",
			"Sign in at POST /api/v1/auth/login and send the access token as Authorization: Bearer <token>",
			"Machine clients send an API key the same way"),
	PERMISSION_DENIED(HttpStatus.FORBIDDEN, false, "You do not have permission to do this.",
			"Ask an administrator of the tenant for a role that grants the permission named in technicalDetails"),
	TOKEN_INVALID(HttpStatus.UNAUTHORIZED, false, "Your session is not valid.",
			"Sign in again to get a new access token", "If you use a refresh token, exchange it at POST /api/v1/auth/refresh"),
	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, false, "The e-mail address or the password is incorrect.",
			"Check both and try again", "Ask an administrator to reset your password if you forgot it"),
	LOGIN_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, true, "Too many failed sign-ins; wait a moment before trying again.",
			"Wait for the time given in Retry-After, then try again"),
	NOT_A_MEMBER(HttpStatus.FORBIDDEN, false, "You are not a member of that tenant.",
			"Sign in without a tenant to use your default one", "Ask an administrator of the tenant to invite you"),
	REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED, false,
			"This refresh token was already used, so every session that came from the same sign-in has been ended.",
			"Sign in again", "If you did not use the token twice, someone else may have it: change your password"),
	PASSWORD_CHANGE_REQUIRED(HttpStatus.FORBIDDEN, false, "You must change your password before you can do anything else.",
			"Change it at POST /api/v1/users/me/password with {\"currentPassword\",\"newPassword\"}",
			"The answer carries new tokens: use them for every request after that"),
	TENANT_NAME_TAKEN(HttpStatus.CONFLICT, false, "A tenant with this name already exists.", "Choose another name"),
	MEMBER_ALREADY_EXISTS(HttpStatus.CONFLICT, false, "This user is already a member of the tenant.",
			"Change the member's role at PATCH /api/v1/members/{userId} instead"),
	LAST_OWNER(HttpStatus.CONFLICT, false, "A tenant must keep at least one owner.",
			"Make another member an owner first, then remove or change this one"),
	ROLE_NOT_GRANTABLE(HttpStatus.FORBIDDEN, false, "You cannot give or change this role.",
			"Only an owner can make someone an owner or change an owner", "You can only give roles whose permissions you hold yourself",
			"Nobody can raise their own role: ask another administrator"),
	PERMISSIONS_NOT_HELD(HttpStatus.FORBIDDEN, false, "You cannot hand out permissions that you do not hold yourself.",
			"Remove the permissions named in technicalDetails", "Or ask someone who holds them to do it"),
	ROLE_NAME_TAKEN(HttpStatus.CONFLICT, false, "A role with this name already exists.",
			"Choose another name; the built-in names owner, admin, developer, operator and viewer are reserved"),
	ROLE_IN_USE(HttpStatus.CONFLICT, false, "The role is still given to members, so it cannot be deleted.",
			"Give those members another role first (see GET /api/v1/members)"),
	CREDENTIAL_NAME_TAKEN(HttpStatus.CONFLICT, false, "A credential with this name already exists.",
			"Choose another name", "Or update the existing credential instead"),
	SECRET_NOT_FOUND(HttpStatus.NOT_FOUND, false, "The secret does not exist.",
			"Check the secret path", "Store the secret first"),
	KEY_VERSION_RETIRED(HttpStatus.CONFLICT, false,
			"This data was encrypted under a key version that has been retired, so it can no longer be read.",
			"Enter the secret again so it is stored under the current key",
			"An administrator can lower the minimum decryption version if the old key must be used once more"),
	KEY_VERSION_IN_USE(HttpStatus.CONFLICT, false, "Some data keys are still wrapped under a key version you want to retire.",
			"Run the rewrap job (POST /api/v1/admin/keys/rewrap) and wait for it to finish",
			"Or retire the version anyway with \"force\": true, which makes that data unreadable"),
	CONCURRENT_CHANGE(HttpStatus.CONFLICT, true, "Another request changed the same data at the same moment.",
			"Send the request again; it will see the other change"),
	QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, true, "Your organisation has reached a usage quota of its plan.",
			"Wait for the time given in Retry-After; the quota frees up by itself",
			"See GET /api/v1/quotas for the plan's quotas and what is left",
			"Ask an administrator for a larger plan"),
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, true, "Too many requests in a short time.",
			"Wait the number of seconds in the Retry-After header, then send the request again",
			"Spread requests out; the RateLimit header says how many remain"),
	REWRAP_ALREADY_RUNNING(HttpStatus.CONFLICT, true, "A rewrap job is already running.",
			"Follow its progress at GET /api/v1/admin/keys", "Start another one after it finishes"),
	ADMIN_LOOPBACK_ONLY(HttpStatus.FORBIDDEN, false,
			"Key administration is only available from the machine Rampart runs on.",
			"Run the command on the Rampart host (./rampart keys ...) or call the API from 127.0.0.1"),
	DECRYPTION_FAILED(HttpStatus.INTERNAL_SERVER_ERROR, false, "Stored data could not be decrypted.",
			"Contact your administrator and quote the traceId; the data may have been altered or the keyring replaced"),
	KEY_SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, true, "Rampart cannot reach its key service right now.",
			"Try again in a few seconds", "If it persists, ask your administrator to check the keyring or Vault"),
	DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, true, "Rampart cannot reach its database right now.",
			"Try again in a few seconds", "If it persists, ask your administrator to check the database"),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, true, "Rampart is temporarily unable to handle the request.",
			"Try again in a few seconds"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, true, "Something went wrong on our side.",
			"Try again", "If it happens again, contact support and quote the traceId"),
	// prompt-injection screening
	PROMPT_INJECTION_BLOCKED(HttpStatus.UNPROCESSABLE_CONTENT, false,
			"Text that was about to be sent to the model looked like instructions to the model rather than data, so it was not sent.",
			"If you typed it, rephrase it as a request rather than as orders to the AI about its rules or instructions",
			"If it came from a tool or a memory, check that source: it may contain hidden instructions",
			"An administrator can switch the agent's screening action to wrap or flag"),
	// model calls and masking (issue #5 item 5)
	PROVIDER_CALL_FAILED(HttpStatus.BAD_GATEWAY, true, "The model provider did not answer as expected.",
			"Try again in a few seconds", "Check the provider's health at GET /api/v1/providers/{id}/health"),
	// threat detection
	SUSPICIOUS_ACTIVITY_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, true,
			"Unusual activity was detected from this account or address, so its requests are limited more strictly for a while.",
			"Wait the number of seconds in the Retry-After header, then send the request again",
			"If the activity was legitimate, ask an administrator of the tenant to review and clear the anomaly (GET /api/v1/anomalies)"),
	// usage and budgets
	BUDGET_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, true, "A token or cost budget for model calls is spent for this period.",
			"Wait for the time given in estimatedRecoveryTime: the budget starts again with the next period (UTC)",
			"See what was spent at GET /api/v1/usage and the budgets at GET /api/v1/budgets",
			"Ask an owner or administrator to raise the budget (PUT /api/v1/budgets)"),
	// provider resilience
	PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, true,
			"The model provider is unavailable for the moment, so the call was not made.",
			"Try again after the number of seconds in estimatedRecoveryTime",
			"Check the provider's health at GET /api/v1/providers/{id}/health"),
	PROVIDER_REJECTED_REQUEST(HttpStatus.BAD_GATEWAY, false,
			"The model provider refused the request (invalid request, unknown model or filtered content).",
			"Check the model name and the request against the provider's limits",
			"Sending the same request again will fail the same way"),
	PROVIDER_AUTH_FAILED(HttpStatus.BAD_GATEWAY, false, "The model provider did not accept Rampart's credentials.",
			"Ask an administrator to check the provider's API key and its permissions"),
	// provider configurations (#6)
	PROVIDER_NAME_TAKEN(HttpStatus.CONFLICT, false, "A provider with this id already exists.",
			"Choose another id; the ids of built-in providers (GET /api/v1/providers, builtIn: true) are reserved",
			"Or change the existing provider with PUT /api/v1/providers/{id}"),
	PROVIDER_BUILT_IN(HttpStatus.CONFLICT, false, "Built-in providers cannot be changed or deleted.",
			"Configure a provider of your own under another id with POST /api/v1/providers"),
	PROVIDER_IN_USE(HttpStatus.CONFLICT, false, "The provider is still used, so it cannot be deleted.",
			"Change what technicalDetails names so it no longer uses the provider, then delete it again"),
	PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, false,
			"The resource was changed after you read it, so your change was not applied.",
			"Read it again (its ETag is the current version), apply your change to it and send it with that If-Match",
			"Or send the change without If-Match to overwrite whatever is there"),
	// tool egress (#7)
	EGRESS_REFUSED(HttpStatus.FORBIDDEN, false,
			"A tool's outbound request was refused: its target is not allowed, so nothing was sent.",
			"Use a public http or https URL; loopback, private, link-local and metadata addresses are refused",
			"If the host is meant to be reached, ask an administrator to add it (host:port for a private address) to the tenant's tool allowlist"),
	EGRESS_LIMIT_EXCEEDED(HttpStatus.BAD_GATEWAY, false,
			"A tool's outbound request went over a limit (response size or number of redirects).",
			"technicalDetails names the limit; request less (a narrower query, a page of results) or ask an administrator to raise it"),
	EGRESS_UNAVAILABLE(HttpStatus.BAD_GATEWAY, true,
			"A tool's outbound request failed: the remote server could not be reached, did not answer in time or did not speak HTTP.",
			"Try again later", "Check that the URL in technicalDetails is right and the server is up"),
	// tool sources and credentials in use (#7): OpenAPI tool sets, MCP servers
	TOOL_IN_USE(HttpStatus.CONFLICT, false, "Some of these tools are still used by agents or workflows, so their source cannot be deleted.",
			"Remove the tools named in technicalDetails from those agents and workflows, then delete again",
			"Or disable the source (an MCP server's enabled: false) to stop offering its tools without deleting it"),
	CREDENTIAL_IN_USE(HttpStatus.CONFLICT, false, "The credential is still used, so it cannot be deleted.",
			"Change what technicalDetails names so it no longer uses the credential, then delete it again"),
	TOOL_SET_NAME_TAKEN(HttpStatus.CONFLICT, false, "A tool set with this name already exists.",
			"Choose another name, or change the existing tool set with PUT /api/v1/tools/openapi/{id}"),
	MCP_SERVER_NAME_TAKEN(HttpStatus.CONFLICT, false, "An MCP server with this name already exists.",
			"Choose another name (it prefixes the names of the server's tools)",
			"Or change the existing server with PUT /api/v1/mcp-servers/{id}"),
	// templates and agents (#7)
	TEMPLATE_VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, true, "The agent template has some configuration issues.",
			"Check the required fields highlighted in red", "Verify your LLM provider credentials",
			"Try using a different template"),
	TEMPLATE_BUILT_IN(HttpStatus.CONFLICT, false, "Built-in templates cannot be changed or deleted.",
			"Create a template of your own with POST /api/v1/templates, starting from a copy of this one"),
	AGENT_RUNNING(HttpStatus.CONFLICT, true, "Cannot delete agent while it's executing. Stop the agent first.",
			"Stop agent execution and try again"),
	AGENT_IN_USE(HttpStatus.CONFLICT, false, "The agent is still used, so it cannot be deleted.",
			"Remove agent from workflows or create a backup first"),
	AGENT_NAME_TAKEN(HttpStatus.CONFLICT, false, "An agent with this name already exists.",
			"Choose another name", "Or change the existing agent with PUT /api/v1/agents/{id}"),
	// long-term memory (#7)
	MEMORY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, true,
			"The agent's long-term memory cannot be used right now (its embedding model or index is not available).",
			"Try again in a few seconds", "Runs continue without memories meanwhile",
			"If it persists, check the health of the embedding model's provider at GET /api/v1/providers/{id}/health"),
	// the agent step (#7)
	AGENT_TOOL_FAILED(HttpStatus.BAD_GATEWAY, true, "A tool the agent requires failed, so the agent could not finish.",
			"technicalDetails names the tool and why; check the tool (GET /api/v1/tools) and try again",
			"If the agent can answer without it, mark the tool optional (required: false) in the agent's definition"),
	// durable runs (#8)
	IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, false,
			"This Idempotency-Key was already used for a different request.",
			"Send the original request again to get its run, or use a new Idempotency-Key for a new request"),
	RUN_FINISHED(HttpStatus.CONFLICT, false, "The run has already finished, so it cannot be cancelled.",
			"Read the run's result with GET /api/v1/runs/{id}"),
	// workflow definitions (#8)
	WORKFLOW_NAME_TAKEN(HttpStatus.CONFLICT, false, "A workflow with this name already exists.",
			"Choose another name", "Or change the existing workflow with PUT /api/v1/workflows/{id}"),
	WORKFLOW_IN_USE(HttpStatus.CONFLICT, false, "The workflow is still used by other workflows, so it cannot be deleted.",
			"Remove the sub_workflow steps that technicalDetails names, then delete it again"),
	// workflow runs (#8)
	WORKFLOW_STEP_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, false, "A step of the workflow failed, so the workflow run failed.",
			"technicalDetails names the step and why; GET /api/v1/runs/{id}/steps shows every attempt",
			"Fix the cause, then POST /api/v1/runs/{id}/retry to go on from the failed step"),
	COMPENSATION_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, false,
			"The workflow failed and undoing its completed steps failed too, so some effects may remain.",
			"technicalDetails names the compensation that failed and the step it was to undo",
			"Undo that step's effect by hand; GET /api/v1/runs/{id}/events lists what was compensated"),
	RUN_NOT_WAITING(HttpStatus.CONFLICT, false, "The run is not waiting for an answer, so it cannot be resumed.",
			"Read the run with GET /api/v1/runs/{id}: only a run with status 'waiting' can be resumed"),
	RUN_NOT_RETRIABLE(HttpStatus.CONFLICT, false, "Only a failed workflow run that was not compensated can be retried.",
			"Start a new run with POST /api/v1/workflows/{id}/runs"),
	// schedules (#8)
	SCHEDULE_NAME_TAKEN(HttpStatus.CONFLICT, false, "A schedule with this name already exists.",
			"Choose another name", "Or change the existing schedule with PUT /api/v1/schedules/{id}"),
	// threads (#8)
	THREAD_BUSY(HttpStatus.CONFLICT, true, "The thread is still answering an earlier message.",
			"Send the message again once the thread's current run has ended (GET /api/v1/threads/{id}/messages)",
			"Or create the thread with busyPolicy 'enqueue' or 'interrupt'"),
	// #8 replay
	RUN_NOT_ENDED(HttpStatus.CONFLICT, false, "The run has not ended yet, so it cannot be replayed.",
			"Wait until the run has ended (GET /api/v1/runs/{id}), then replay it"),
	REPLAY_DIVERGED(HttpStatus.UNPROCESSABLE_CONTENT, false,
			"The replay asked for something the original run did not record, so it stopped.",
			"technicalDetails names where the replay left the recording (the step, round and call)",
			"A changed definition, tool or recording makes a replay diverge; compare the two runs' steps"),
	// #9 notify
	STREAM_NOT_ACCEPTED(HttpStatus.NOT_ACCEPTABLE, false, "This endpoint streams server-sent events.",
			"Send the header Accept: text/event-stream", "Read the notifications as JSON at GET /api/v1/notifications"),
	// #9 live
	RUN_NOT_FOUND(HttpStatus.NOT_FOUND, false, "The run does not exist or you do not have access to it.",
			"Check the run's id (GET /api/v1/runs)", "Sign in to the tenant the run belongs to");

	private final HttpStatus status;
	private final boolean retryable;
	private final String userMessage;
	private final List<String> suggestedActions;

	ErrorCode(HttpStatus status, boolean retryable, String userMessage, String... suggestedActions) {
		this.status = status;
		this.retryable = retryable;
		this.userMessage = userMessage;
		this.suggestedActions = List.of(suggestedActions);
	}

	public HttpStatus status() {
		return status;
	}

	/** Whether sending the same request again may succeed without the client changing anything. */
	public boolean retryable() {
		return retryable;
	}

	public String userMessage() {
		return userMessage;
	}

	public List<String> suggestedActions() {
		return suggestedActions;
	}
}
