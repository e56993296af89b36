package dev.rampart.providers.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.web.PlaygroundController.ChatMessage;
import dev.rampart.providers.web.PlaygroundController.ChatTool;
import dev.rampart.providers.web.PlaygroundController.ChatToolCall;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.shared.schema.JsonSchemas;
import org.jspecify.annotations.Nullable;

/**
 * The playground's tool calling: checks what Bean Validation cannot (each tool's parameters a valid object schema,
 * names distinct, tool fields only on the roles that carry them) and turns the body's tools and messages into the
 * gateway's types. Every problem is reported at once, by field path.
 */
final class PlaygroundTools {

	private PlaygroundTools() {
	}

	/** The tools of the body, checked. */
	static List<ModelTool> tools(@Nullable List<ChatTool> tools, JsonSchemas schemas, List<FieldProblem> errors) {
		if (tools == null) {
			return List.of();
		}
		List<ModelTool> converted = new ArrayList<>(tools.size());
		Set<String> names = new HashSet<>();
		for (int i = 0; i < tools.size(); i++) {
			ChatTool tool = tools.get(i);
			String field = "tools[" + i + "]";
			if (!names.add(tool.name())) {
				errors.add(new FieldProblem(field + ".name", "repeats the name of an earlier tool: " + tool.name()));
			}
			if (!tool.parameters().isObject() || !"object".equals(tool.parameters().path("type").asString(""))) {
				errors.add(new FieldProblem(field + ".parameters", "must be an object schema ({\"type\": \"object\", ...})"));
				continue;
			}
			try {
				schemas.compile(tool.parameters());
			}
			catch (DefinitionInvalidException ex) {
				ex.errors().forEach(problem -> errors.add(new FieldProblem(field + ".parameters"
						+ ("(root)".equals(problem.field()) ? "" : "." + problem.field()), problem.message())));
				continue;
			}
			converted.add(new ModelTool(tool.name(), tool.description() == null ? "" : tool.description(),
					tool.parameters()));
		}
		return converted;
	}

	/** Users' and the caller's own messages are untrusted input; earlier answers are the model's; tool results tools'. */
	static List<ModelMessage> messages(List<ChatMessage> messages, List<FieldProblem> errors) {
		List<ModelMessage> converted = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			String field = "messages[" + i + "]";
			boolean hasCalls = message.toolCalls() != null && !message.toolCalls().isEmpty();
			if (hasCalls && !"assistant".equals(message.role())) {
				errors.add(new FieldProblem(field + ".toolCalls", "only an assistant message carries tool calls"));
				continue;
			}
			if ("tool".equals(message.role()) && (message.toolCallId() == null || message.toolName() == null)) {
				errors.add(new FieldProblem(field, "a tool message needs toolCallId and toolName"));
				continue;
			}
			if (!"tool".equals(message.role()) && (message.toolCallId() != null || message.toolName() != null)) {
				errors.add(new FieldProblem(field, "only a tool message has toolCallId and toolName"));
				continue;
			}
			converted.add(switch (message.role()) {
				case "system" -> new ModelMessage(ModelMessage.Role.SYSTEM, message.content(), Origin.CONFIGURATION);
				case "assistant" -> hasCalls ? ModelMessage.toolCalls(message.content(), calls(message.toolCalls()))
						: new ModelMessage(ModelMessage.Role.ASSISTANT, message.content(), Origin.MODEL);
				case "tool" -> ModelMessage.toolResult(message.toolCallId(), message.toolName(), message.content());
				default -> new ModelMessage(ModelMessage.Role.USER, message.content(), Origin.USER_INPUT);
			});
		}
		return converted;
	}

	static void throwIfAny(List<FieldProblem> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
	}

	private static List<ModelToolCall> calls(List<ChatToolCall> calls) {
		return calls.stream().map(call -> new ModelToolCall(call.id(), call.name(), call.arguments())).toList();
	}
}
