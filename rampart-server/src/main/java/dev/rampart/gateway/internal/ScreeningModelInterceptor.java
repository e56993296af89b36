package dev.rampart.gateway.internal;

import java.util.ArrayList;
import java.util.List;

import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.PromptScreener;
import dev.rampart.gateway.UntrustedSource;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ScreeningAction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Screens every untrusted message of a model call for prompt injection before the model sees it
 * (docs/prompt-screening.md): user input, tool output and retrieved memories. The action is the call's
 * own (an agent's setting) or else the tenant's default from its gateway policy: flag passes the text and
 * counts it, wrap fences it as data, block refuses the whole call with {@code PROMPT_INJECTION_BLOCKED}.
 * The model's own earlier answers and the tenant's configuration (instructions) are not screened.
 */
@Component
class ScreeningModelInterceptor implements ModelInterceptor {

	private final PromptScreener screener;
	private final GatewayPolicies policies;

	ScreeningModelInterceptor(PromptScreener screener, GatewayPolicies policies) {
		this.screener = screener;
		this.policies = policies;
	}

	@Override
	public int getOrder() {
		return SCREENING;
	}

	@Override
	public ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
		@Nullable ScreeningAction action = null;
		List<ModelMessage> screened = new ArrayList<>(request.messages().size());
		boolean changed = false;
		for (ModelMessage message : request.messages()) {
			UntrustedSource source = source(message.origin());
			if (source == null) {
				screened.add(message);
				continue;
			}
			if (action == null) {
				action = context.screeningOverride() != null ? context.screeningOverride()
						: policies.of(context.tenant()).screening();
			}
			String text = screener.screenAndApply(message.text(), source, action);
			changed |= !text.equals(message.text());
			screened.add(text.equals(message.text()) ? message : message.withText(text));
		}
		return changed ? request.withMessages(screened) : request;
	}

	private static @Nullable UntrustedSource source(ModelMessage.Origin origin) {
		return switch (origin) {
			case USER_INPUT -> UntrustedSource.USER_INPUT;
			case TOOL_OUTPUT -> UntrustedSource.TOOL_OUTPUT;
			case MEMORY -> UntrustedSource.MEMORY;
			case CONFIGURATION, MODEL -> null;
		};
	}
}
