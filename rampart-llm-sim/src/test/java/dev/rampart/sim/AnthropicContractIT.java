package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator driven by LangChain4j's real Anthropic clients. */
class AnthropicContractIT extends DefaultSimulatorIT {

    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather in a city")
            .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
            .build();


    private static AnthropicChatModel chatModel(String model) {
        return AnthropicChatModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("test-key").modelName(model)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    private static AnthropicStreamingChatModel streamingModel(String model) {
        return AnthropicStreamingChatModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("test-key").modelName(model)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void echoModelAnswersWithTheLastUserMessageAndReportsUsage() {
        ChatResponse response = chatModel("sim-echo").chat(SystemMessage.from("Be brief."), UserMessage.from("Hello, Claude!"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello, Claude!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(4);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
    }

    @Test
    void toolsModelAnswersWithToolUseBlocks() {
        ChatResponse response = chatModel("sim-tools").chat(ChatRequest.builder()
                .messages(UserMessage.from("Weather?")).toolSpecifications(WEATHER).build());

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        // The client re-renders the input object, so compare JSON values rather than text.
        assertThat(RawHttp.JSON.readTree(call.arguments())).isEqualTo(RawHttp.JSON.readTree("{\"city\":\"Paris\"}"));
    }

    @Test
    void aFullToolRoundTripEndsWithTheToolResultsAsTheAnswer() {
        AnthropicChatModel model = chatModel("sim-tools");
        List<ChatMessage> conversation = new ArrayList<>(List.of(UserMessage.from("Weather in Paris?")));

        AiMessage call = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(WEATHER).build())
                .aiMessage();
        conversation.add(call);
        conversation.add(ToolExecutionResultMessage.from(call.toolExecutionRequests().getFirst(), "rainy"));
        ChatResponse answer = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(WEATHER).build());

        assertThat(answer.aiMessage().text()).isEqualTo("get_weather: rainy");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void streamingDeliversTextDeltasAndTheStopReason() {
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-echo").chat(List.of(UserMessage.from("three streamed words")), collector);
        ChatResponse response = collector.awaitResponse();

        assertThat(collector.partials()).containsExactly("three ", "streamed ", "words");
        assertThat(response.aiMessage().text()).isEqualTo("three streamed words");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
    }

    @Test
    void streamingToolUseIsReassembledFromInputJsonDeltas() {
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-tools").chat(ChatRequest.builder().messages(UserMessage.from("Weather?"))
                .toolSpecifications(WEATHER).build(), collector);
        ChatResponse response = collector.awaitResponse();

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(RawHttp.JSON.readTree(response.aiMessage().toolExecutionRequests().getFirst().arguments()))
                .isEqualTo(RawHttp.JSON.readTree("{\"city\":\"Paris\"}"));
    }

    @Test
    void a429BecomesRateLimitException() {
        sim.control().setFaultRates(FaultRates.of(Fault.RATE_LIMITED, 1.0));

        assertThatThrownBy(() -> chatModel("sim-echo").chat("hi")).isInstanceOf(RateLimitException.class);
    }

    @Test
    void a500BecomesInternalServerException() {
        sim.control().setFaultRates(FaultRates.of(Fault.SERVER_ERROR, 1.0));

        assertThatThrownBy(() -> chatModel("sim-echo").chat("hi")).isInstanceOf(InternalServerException.class);
    }

    @Test
    void anUnknownModelBecomesModelNotFoundException() {
        assertThatThrownBy(() -> chatModel("claude-nonexistent").chat("hi")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void aStreamingErrorReachesTheHandler() {
        sim.control().setFaultRates(FaultRates.of(Fault.UNAVAILABLE, 1.0));
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-echo").chat("hi", collector);

        assertThat(collector.awaitError()).isNotNull();
    }
}
