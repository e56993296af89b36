package dev.rampart.providers.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelChain;
import dev.rampart.providers.ModelChain.CacheMode;
import dev.rampart.providers.ModelTarget;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.ServerSentEvents;
import dev.rampart.shared.Requires;
import dev.rampart.shared.Unmasked;
import dev.rampart.shared.schema.JsonSchemas;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/providers/{id}/chat}: the playground, a direct call to a provider's model through the
 * interceptor chain (masking, screening), streamed or not, optionally offering tools so users can test a provider's
 * tool calling (the reply's {@code toolCalls}; tool results go back as {@code tool} messages). The minimal real model-call path until the
 * provider gateway (breakers, fallback, caching) takes over; agents will call models through that.
 */
@RestController
@RequestMapping("/api/v1/providers")
class PlaygroundController {

	private static final Logger log = LoggerFactory.getLogger(PlaygroundController.class);

	static final int MAX_MESSAGES = 100;
	static final int MAX_MESSAGE_CHARS = 32_000;
	static final int MAX_TOOLS = 64;
	static final String TOOL_NAME = "^[a-zA-Z][a-zA-Z0-9_-]{0,63}$";
	private static final String TOOL_NAME_RULE = "must start with a letter and hold at most 64 letters, digits, _ or -";

	private final ProviderRegistry registry;
	private final LlmGateway gateway;
	private final Problems problems;
	private final JsonMapper json;
	private final JsonSchemas schemas;

	PlaygroundController(ProviderRegistry registry, LlmGateway gateway, Problems problems, JsonMapper json,
			JsonSchemas schemas) {
		this.registry = registry;
		this.gateway = gateway;
		this.problems = problems;
		this.json = json;
		this.schemas = schemas;
	}

	record ChatRequest(@NotBlank @Size(max = 200) String model,
			@NotEmpty @Size(max = MAX_MESSAGES) List<@Valid @NotNull ChatMessage> messages,
			@Min(1) @Max(32_768) @Nullable Integer maxTokens,
			@DecimalMin("0.0") @DecimalMax("2.0") @Nullable Double temperature, @Nullable Boolean stream,
			@Size(max = ModelChain.MAX_TARGETS - 1) @Nullable List<@NotBlank @Size(max = 300) String> fallbacks,
			@Pattern(regexp = "auto|prefer|fallback|off", message = "must be auto, prefer, fallback or off") @Nullable String cache,
			@Size(max = MAX_TOOLS) @Nullable List<@Valid @NotNull ChatTool> tools) {
	}

	/**
	 * A message; an assistant message may carry the {@code toolCalls} it made, a {@code tool} message answers one of
	 * them with {@code toolCallId} and {@code toolName}, its {@code content} being the tool's output.
	 */
	record ChatMessage(
			@NotNull @Pattern(regexp = "system|user|assistant|tool", message = "must be system, user, assistant or tool") String role,
			@NotNull @Size(max = MAX_MESSAGE_CHARS) String content,
			@Size(max = MAX_TOOLS) @Nullable List<@Valid @NotNull ChatToolCall> toolCalls,
			@Size(min = 1, max = 200) @Nullable String toolCallId,
			@Pattern(regexp = TOOL_NAME, message = TOOL_NAME_RULE) @Nullable String toolName) {
	}

	/** A tool offered to the model: {@code parameters} is an object JSON Schema. */
	record ChatTool(@NotNull @Pattern(regexp = TOOL_NAME, message = TOOL_NAME_RULE) String name,
			@Size(max = 4_000) @Nullable String description, @NotNull JsonNode parameters) {
	}

	/** A tool call the model made, as the reply gave it. */
	record ChatToolCall(@NotBlank @Size(max = 200) String id,
			@NotNull @Pattern(regexp = TOOL_NAME, message = TOOL_NAME_RULE) String name,
			@NotNull @Size(max = MAX_MESSAGE_CHARS) String arguments) {
	}

	/** {@code toolCalls}: the calls the model asked for (their arguments are not masked), empty for a text answer. */
	record ChatReply(String reply, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
			@Nullable ServedBy servedBy, List<ModelToolCall> toolCalls) {
	}

	/** Streams {@code delta} events, then {@code done} (or {@code error}); otherwise answers one JSON reply. */
	@PostMapping("/{id}/chat")
	@Requires("provider:use")
	@Unmasked(reason = "the reply was masked by the model-call interceptor chain under the tenant's policy; "
			+ "masking it again would count it twice; tool-call arguments are the model's input to tools, shown as "
			+ "the model wrote them")
	@Nullable ResponseEntity<ChatReply> chat(@PathVariable String id, @Valid @RequestBody ChatRequest body,
			@AuthenticationPrincipal RampartPrincipal principal, HttpServletResponse response) throws IOException {
		Provider provider = registry.find(principal.tenant(), id)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider with this id."));
		if (provider.model(body.model()).isEmpty()) {
			throw new InvalidFieldsException("model", "is not a model of provider " + provider.id() + "; its models: "
					+ String.join(", ", provider.modelNames()));
		}
		ModelChain chain = chain(principal, provider, body);
		ModelCallContext context = new ModelCallContext(principal.tenant(),
				(principal.isUser() ? "user:" : "api-key:") + principal.subject(), provider.id(), body.model(),
				null, null);
		List<FieldProblem> errors = new ArrayList<>();
		List<ModelTool> tools = PlaygroundTools.tools(body.tools(), schemas, errors);
		List<ModelMessage> messages = PlaygroundTools.messages(body.messages(), errors);
		PlaygroundTools.throwIfAny(errors);
		ModelRequest request = new ModelRequest(messages, body.maxTokens(), body.temperature(), tools);
		if (Boolean.TRUE.equals(body.stream())) {
			SseSink sink = new SseSink(response, json, problems);
			try {
				gateway.stream(context, chain, request, sink);
			}
			catch (ServerSentEvents.ClientGone ex) {
				log.debug("A playground stream's client went away; the model's stream was cancelled");
				return null;
			}
			sink.throwIfFailedBeforeStart();
			return null;
		}
		ModelReply reply = gateway.chat(context, chain, request);
		return ResponseEntity.ok(new ChatReply(reply.text(), reply.finishReason(), reply.usage(), reply.masked(),
				reply.servedBy(), reply.toolCalls()));
	}

	/** The provider's model first, then each {@code fallbacks} entry, each checked against the tenant's providers. */
	private ModelChain chain(RampartPrincipal principal, Provider provider, ChatRequest body) {
		List<ModelTarget> targets = new ArrayList<>();
		targets.add(new ModelTarget(provider.id(), body.model()));
		List<FieldProblem> errors = new ArrayList<>();
		List<String> fallbacks = body.fallbacks() == null ? List.of() : body.fallbacks();
		for (int i = 0; i < fallbacks.size(); i++) {
			String field = "fallbacks[" + i + "]";
			try {
				ModelTarget target = ModelTarget.parse(fallbacks.get(i));
				Provider other = registry.find(principal.tenant(), target.provider()).orElse(null);
				if (other == null) {
					errors.add(new FieldProblem(field, "names no provider of this tenant: "
							+ target.provider()));
				}
				else if (other.model(target.model()).isEmpty()) {
					errors.add(new FieldProblem(field, "is not a model of provider " + other.id()
							+ "; its models: " + String.join(", ", other.modelNames())));
				}
				else if (targets.contains(target)) {
					errors.add(new FieldProblem(field, "repeats " + target + " earlier in the chain"));
				}
				else {
					targets.add(target);
				}
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem(field, ex.getMessage()));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		CacheMode cache = body.cache() == null ? CacheMode.AUTO : CacheMode.valueOf(body.cache().toUpperCase(Locale.ROOT));
		return new ModelChain(targets, cache);
	}
}
