package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.rampart.sim.internal.RuleFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scripted rules from the example file, the control object and the admin endpoint. */
class ScriptedRulesIT extends DefaultSimulatorIT {

    private static final Path EXAMPLE_RULES = Path.of("examples/rules.json");

    @BeforeAll
    static void startSimulator() {
        start(SimulatorOptions.builder().rules(RuleFiles.load(EXAMPLE_RULES)).build());
    }

    private static OpenAiChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("k").modelName(name).maxRetries(0).build();
    }

    @Test
    void theExampleRuleFileScriptsAToolRoundTripOnAnyModel() {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").build()).build();
        OpenAiChatModel model = model("gpt-4o");
        List<ChatMessage> conversation = new ArrayList<>(List.of(UserMessage.from("What's the weather in Paris?")));

        AiMessage call = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(weather).build())
                .aiMessage();
        conversation.add(call);
        conversation.add(ToolExecutionResultMessage.from(call.toolExecutionRequests().getFirst(), "sunny"));
        AiMessage answer = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(weather).build())
                .aiMessage();

        assertThat(call.toolExecutionRequests().getFirst().arguments()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(answer.text()).isEqualTo("It is sunny and 21 degrees in Paris.");
        assertThat(sim.control().stats().byRule())
                .containsEntry("weather-calls-tool", 1L).containsEntry("weather-answers-from-tool-result", 1L);
    }

    @Test
    void aRuleCanRequireAModelAndASystemPrompt() {
        String reply = model("support-bot").chat(SystemMessage.from("You are a support agent."), UserMessage.from("hi"))
                .aiMessage().text();
        String withoutSystemPrompt = model("sim-echo").chat(UserMessage.from("hi")).aiMessage().text();

        assertThat(reply).isEqualTo("Hello! How can I help you today?");
        assertThat(withoutSystemPrompt).isEqualTo("hi");
    }

    @Test
    void rulesSetThroughTheControlObjectReplaceTheStartUpRulesUntilReset() {
        sim.control().setRules(List.of(ScriptRule.builder("hello").lastUserContains("hello").replyText("scripted hello").build()));

        String scripted = model("sim-echo").chat("well hello there");
        String weatherAfterReplace = model("sim-echo").chat("weather in Paris");
        sim.control().reset();

        assertThat(scripted).isEqualTo("scripted hello");
        assertThat(weatherAfterReplace).isEqualTo("weather in Paris");
        assertThat(sim.control().rules()).hasSize(4);
    }

    @Test
    void rulesCanBeReplacedListedAndClearedOverTheAdminEndpoint() throws Exception {
        String rules = """
                {"rules":[{"name":"greeter","match":{"lastUserRegex":"^hi\\\\b"},"reply":{"text":"Hi from the script"}}]}""";

        HttpResponse<String> put = http.put("/sim/admin/rules", rules);
        String scripted = model("sim-echo").chat("hi everyone");
        JsonNode listed = RawHttp.json(http.get("/sim/admin/rules"));
        HttpResponse<String> deleted = http.delete("/sim/admin/rules");
        String afterClear = model("sim-echo").chat("hi everyone");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(scripted).isEqualTo("Hi from the script");
        assertThat(listed.path("rules")).hasSize(1);
        assertThat(listed.path("rules").get(0).path("match").path("lastUserRegex").asString()).isEqualTo("^hi\\b");
        assertThat(RawHttp.json(deleted).path("rules")).isEmpty();
        assertThat(afterClear).isEqualTo("hi everyone");
    }

    @Test
    void aRuleAppendedOverTheAdminEndpointComesAfterTheExistingRules() throws Exception {
        http.send(http.post("/sim/admin/rules", """
                {"name":"appended","match":{"lastUserContains":"append"},"reply":{"text":"appended reply"}}"""));

        assertThat(model("sim-echo").chat("please append")).isEqualTo("appended reply");
        assertThat(sim.control().rules()).extracting(ScriptRule::name).last().isEqualTo("appended");
    }

    @Test
    void anInvalidRuleIsRejectedAndTheOldRulesStay() throws Exception {
        HttpResponse<String> response = http.put("/sim/admin/rules",
                "{\"rules\":[{\"name\":\"bad\",\"match\":{\"lastUserRegex\":\"(\"},\"reply\":{\"text\":\"x\"}}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("error").path("message").asString()).contains("invalid lastUserRegex");
        assertThat(sim.control().rules()).hasSize(4);
    }

    @Test
    void aRuleCanInjectItsOwnFault() throws Exception {
        sim.control().setRules(List.of(ScriptRule.builder("always-busy").model("busy-model").replyText("never seen")
                .fault(Fault.RATE_LIMITED, 1.0).build()));

        HttpResponse<String> busy = http.postJson("/v1/chat/completions", RawHttp.chatRequest("busy-model", "x", false));
        HttpResponse<String> other = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "x", false));

        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void ruleModelsAreListedAsModels() throws Exception {
        JsonNode models = RawHttp.json(http.get("/v1/models"));

        assertThat(models.path("data").findValuesAsString("id")).contains("sim-echo", "sim-tools", "sim-embed", "support-bot");
    }

    @Test
    void scriptedToolCallsWorkOverAnthropicToo() throws Exception {
        sim.control().setRules(List.of(ScriptRule.builder("lookup").lastUserContains("order")
                .replyText("Let me look that up.").toolCall("find_order", Map.of("id", 42)).build()));

        JsonNode message = RawHttp.json(http.postJson("/v1/messages",
                RawHttp.messagesRequest("claude-sim", "where is my order?", false)));

        assertThat(message.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("Let me look that up.");
        assertThat(message.path("content").get(1).path("input").path("id").asInt()).isEqualTo(42);
    }
}
