package dev.rampart.agents.web;

import java.io.IOException;
import java.util.UUID;

import dev.rampart.agents.AgentInvocations;
import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.StepListener;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.shared.ServerSentEvents;
import dev.rampart.shared.Unmasked;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/agents/{id}/invoke}: one synchronous agent step (docs/agents.md, "Invoking an agent"), until the
 * durable runs of #8 replace it. The version is pinned before the step starts; {@code "stream": true} answers the step's
 * events as server-sent events, ending with {@code result} (or {@code error}).
 */
@RestController
@RequestMapping("/api/v1/agents")
class InvokeController {

	private static final Logger log = LoggerFactory.getLogger(InvokeController.class);

	private final Agents agents;
	private final AgentInvocations invocations;
	private final ResourceAccess access;
	private final JsonMapper json;
	private final Problems problems;

	InvokeController(Agents agents, AgentInvocations invocations, ResourceAccess access, JsonMapper json,
			Problems problems) {
		this.agents = agents;
		this.invocations = invocations;
		this.access = access;
		this.json = json;
		this.problems = problems;
	}

	/**
	 * @param input the user's message
	 * @param version which version runs: a number, an alias name ({@code prod}), or null for the latest
	 * @param threadId the conversation, for thread-scoped memories
	 * @param userId the end user, for user-scoped memories
	 * @param stream whether to answer server-sent events as the step runs
	 */
	record InvokeRequest(@NotBlank @Size(max = 32_000) String input,
			@Nullable @Pattern(regexp = "[0-9]{1,9}|[a-z][a-z0-9-]{0,39}") String version,
			@Nullable @Size(min = 1, max = 200) String threadId, @Nullable @Size(min = 1, max = 200) String userId,
			@Nullable Boolean stream) {
	}

	@PostMapping("/{id}/invoke")
	@Requires(value = "agent:execute", perResource = true)
	@Unmasked(reason = "the answer and its streamed tokens were masked by the model-call interceptor chain under the "
			+ "tenant's policy; masking them again would count them twice")
	@Nullable InvocationResult invoke(@PathVariable("id") String path, @Valid @RequestBody InvokeRequest body,
			@AuthenticationPrincipal RampartPrincipal principal, HttpServletResponse response) throws IOException {
		UUID id = ResourceIds.uuid(path, "agent");
		AgentVersion agent = agents.resolve(principal.tenant(), id, body.version())
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, body.version() == null
					? "No agent with this id in this tenant."
					: "No agent with this id in this tenant, or it has no version or alias '" + body.version() + "'."));
		access.require("agent:execute", agent.owner(), agent.tags());
		// pinned: the step runs exactly the version checked here, even if an alias moves meanwhile
		Invocation invocation = new Invocation(principal.tenant(),
				(principal.isUser() ? "user:" : "api-key:") + principal.subject(), id, Integer.toString(agent.version()),
				body.input(), body.threadId(), body.userId(), null);
		if (!Boolean.TRUE.equals(body.stream())) {
			return invocations.invoke(invocation, StepListener.NONE);
		}
		StepEventStream events = new StepEventStream(new ServerSentEvents(response, json), problems);
		try {
			events.result(invocations.invoke(invocation, events));
		}
		catch (RampartException ex) {
			if (!events.started()) {
				throw ex;
			}
			events.error(ex);
		}
		catch (ServerSentEvents.ClientGone ex) {
			log.debug("An invoke stream's client went away after the step ended");
		}
		return null;
	}
}
