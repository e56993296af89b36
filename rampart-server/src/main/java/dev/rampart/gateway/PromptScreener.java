package dev.rampart.gateway;

import dev.rampart.providers.spi.ScreeningAction;

/**
 * Screens untrusted text (user input, tool output, retrieved memories) for prompt injection before it
 * reaches a model, and applies the agent's {@link ScreeningAction}. Thread-safe.
 *
 * <p>A model-call interceptor uses it like this for every untrusted part of a prompt:
 *
 * <pre>{@code
 * ScreeningVerdict verdict = screener.screen(toolResult, UntrustedSource.TOOL_OUTPUT);
 * String safe = screener.apply(verdict, toolResult, agent.screeningAction()); // throws on BLOCK
 * messages.add(ToolResultMessage.from(call, safe));
 * }</pre>
 *
 * <p><b>What it does not catch</b> (docs/prompt-screening.md): it is a filter that lowers risk, not a
 * boundary. Paraphrased or novel attacks unlike its patterns and exemplars, instructions split across
 * several messages or tool results, languages and encodings it does not know (ROT13, ciphers, images,
 * PDFs before extraction), and instructions that are harmful only in context ("approve the invoice")
 * pass. Anything an agent can do must still be limited by tool permissions and approvals, never by
 * screening alone.
 */
public interface PromptScreener {

	/** Judges one text. Never logs or returns the text; a blank text is clean. */
	ScreeningVerdict screen(String text, UntrustedSource source);

	/**
	 * The text to send to the model under {@code action}: unchanged when the verdict is clean or the
	 * action is {@link ScreeningAction#FLAG}, fenced for {@link ScreeningAction#WRAP}.
	 *
	 * @throws dev.rampart.shared.RampartException {@code PROMPT_INJECTION_BLOCKED} for an injection under {@link ScreeningAction#BLOCK}
	 */
	String apply(ScreeningVerdict verdict, String text, ScreeningAction action);

	/** {@link #screen} then {@link #apply}. */
	default String screenAndApply(String text, UntrustedSource source, ScreeningAction action) {
		return apply(screen(text, source), text, action);
	}
}
