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
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.Unmasked;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/providers/{id}/chat}: the playground, a direct call to a provider's model through the
 * interceptor chain (masking, screening), streamed or not. The minimal real model-call path until the
 * provider gateway (breakers, fallback, caching) takes over; agents will call models through that.
 */
@RestController
@RequestMapping("/api/v1/providers")
class PlaygroundController {

	private static final Logger log = LoggerFactory.getLogger(PlaygroundController.class);

	static final int MAX_MESSAGES = 100;
	static final int MAX_MESSAGE_CHARS = 32_000;

	private final ProviderRegistry registry;
	private final LlmGateway gateway;
	private final Problems problems;
	private final JsonMapper json;

	PlaygroundController(ProviderRegistry registry, LlmGateway gateway, Problems problems, JsonMapper json) {
		this.registry = registry;
		this.gateway = gateway;
		this.problems = problems;
		this.json = json;
	}

	record ChatRequest(@NotBlank @Size(max = 200) String model,
			@NotEmpty @Size(max = MAX_MESSAGES) List<@Valid @NotNull ChatMessage> messages,
			@Min(1) @Max(32_768) @Nullable Integer maxTokens,
			@DecimalMin("0.0") @DecimalMax("2.0") @Nullable Double temperature, @Nullable Boolean stream,
			@Size(max = ModelChain.MAX_TARGETS - 1) @Nullable List<@NotBlank @Size(max = 300) String> fallbacks,
			@Pattern(regexp = "auto|prefer|fallback|off", message = "must be auto, prefer, fallback or off") @Nullable String cache) {
	}

	record ChatMessage(@NotNull @Pattern(regexp = "system|user|assistant", message = "must be system, user or assistant") String role,
			@NotNull @Size(max = MAX_MESSAGE_CHARS) String content) {
	}

	record ChatReply(String reply, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
			@Nullable ServedBy servedBy) {
	}

	/** Streams {@code delta} events, then {@code done} (or {@code error}); otherwise answers one JSON reply. */
	@PostMapping("/{id}/chat")
	@Requires("provider:use")
	@Unmasked(reason = "the reply was masked by the model-call interceptor chain under the tenant's policy; "
			+ "masking it again would count it twice")
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
		ModelRequest request = new ModelRequest(messages(body.messages()), body.maxTokens(), body.temperature());
		if (Boolean.TRUE.equals(body.stream())) {
			SseSink sink = new SseSink(response, json, problems);
			try {
				gateway.stream(context, chain, request, sink);
			}
			catch (SseSink.ClientGone ex) {
				log.debug("A playground stream's client went away; the model's stream was cancelled");
				return null;
			}
			sink.throwIfFailedBeforeStart();
			return null;
		}
		ModelReply reply = gateway.chat(context, chain, request);
		return ResponseEntity.ok(new ChatReply(reply.text(), reply.finishReason(), reply.usage(), reply.masked(),
				reply.servedBy()));
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

	/** Users' and the caller's own messages are untrusted input; earlier answers are the model's. */
	private static List<ModelMessage> messages(List<ChatMessage> messages) {
		List<ModelMessage> converted = new ArrayList<>(messages.size());
		for (ChatMessage message : messages) {
			converted.add(switch (message.role()) {
				case "system" -> new ModelMessage(ModelMessage.Role.SYSTEM, message.content(), Origin.CONFIGURATION);
				case "assistant" -> new ModelMessage(ModelMessage.Role.ASSISTANT, message.content(), Origin.MODEL);
				default -> new ModelMessage(ModelMessage.Role.USER, message.content(), Origin.USER_INPUT);
			});
		}
		return converted;
	}
}
