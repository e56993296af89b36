package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.shared.InvalidFieldsException;
import org.jspecify.annotations.Nullable;

/**
 * Rampart's request types to LangChain4j's and its tool calls back, the same for every adapter: tools become
 * {@link ToolSpecification}s ({@link ToolSchemas}), an assistant message's tool calls become
 * {@link ToolExecutionRequest}s and a tool result a {@link ToolExecutionResultMessage}. Dialects without call ids
 * (Gemini, Ollama) get {@code call_<n>} ids, numbered after the calls already in the conversation, so every id of
 * a conversation is distinct and results can be matched to calls.
 */
final class ChatRequests {

	/** Stands for a call's missing arguments: a call without arguments. */
	static final String NO_ARGUMENTS = "{}";

	private ChatRequests() {
	}

	/**
	 * The request for {@code model}.
	 *
	 * @throws InvalidFieldsException when a tool's parameters are not an object schema
	 */
	static ChatRequest of(String model, ModelRequest request) {
		List<ChatMessage> messages = request.messages().stream().map(ChatRequests::message).toList();
		ChatRequest.Builder chat = ChatRequest.builder()
			.modelName(model)
			.messages(messages)
			.maxOutputTokens(request.maxTokens())
			.temperature(request.temperature());
		if (!request.tools().isEmpty()) {
			List<ToolSpecification> tools = new ArrayList<>(request.tools().size());
			for (int i = 0; i < request.tools().size(); i++) {
				try {
					tools.add(tool(request.tools().get(i)));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidFieldsException("tools[" + i + "].parameters", ex.getMessage());
				}
			}
			chat.toolSpecifications(tools);
		}
		return chat.build();
	}

	/** The tool calls of a reply, with ids made up where the dialect gave none. */
	static List<ModelToolCall> toolCalls(@Nullable AiMessage reply, ModelRequest request) {
		if (reply == null || !reply.hasToolExecutionRequests()) {
			return List.of();
		}
		long earlier = request.messages().stream().mapToLong(message -> message.toolCalls().size()).sum();
		List<ModelToolCall> calls = new ArrayList<>(reply.toolExecutionRequests().size());
		for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
			String id = call.id() == null || call.id().isBlank() ? "call_" + (earlier + calls.size() + 1) : call.id();
			String arguments = call.arguments() == null || call.arguments().isBlank() ? NO_ARGUMENTS : call.arguments();
			calls.add(new ModelToolCall(id, call.name() == null ? "" : call.name(), arguments));
		}
		return calls;
	}

	private static ToolSpecification tool(ModelTool tool) {
		return ToolSpecification.builder()
			.name(tool.name())
			.description(tool.description().isBlank() ? null : tool.description())
			.parameters(ToolSchemas.parameters(tool.parameters()))
			.build();
	}

	private static ChatMessage message(ModelMessage message) {
		return switch (message.role()) {
			case SYSTEM -> SystemMessage.from(message.text());
			case USER -> UserMessage.from(message.text());
			case ASSISTANT -> message.toolCalls().isEmpty() ? AiMessage.from(message.text())
					: AiMessage.builder()
						.text(message.text().isEmpty() ? null : message.text())
						.toolExecutionRequests(message.toolCalls().stream().map(ChatRequests::call).toList())
						.build();
			case TOOL -> ToolExecutionResultMessage.from(message.toolCallId(), message.toolName(), message.text());
		};
	}

	private static ToolExecutionRequest call(ModelToolCall call) {
		return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments()).build();
	}
}
