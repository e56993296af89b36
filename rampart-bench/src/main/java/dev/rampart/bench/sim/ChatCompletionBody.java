package dev.rampart.bench.sim;

import dev.rampart.bench.report.Json;

/** The smallest OpenAI chat completion request: one user message, with or without streaming. */
final class ChatCompletionBody {

  private ChatCompletionBody() {}

  static String of(String model, String message, boolean stream) {
    return "{\"model\":" + Json.quote(model)
        + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote(message) + "}]"
        + ",\"stream\":" + stream + "}";
  }
}
