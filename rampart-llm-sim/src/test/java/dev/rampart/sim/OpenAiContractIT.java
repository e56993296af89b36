package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator driven by LangChain4j's real OpenAI clients. */
class OpenAiContractIT extends DefaultSimulatorIT {

    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("Current weather in a city")
            .parameters(JsonObjectSchema.builder().addStringProperty("city").addIntegerProperty("days")
                    .required("city", "days").build())
            .build();
    private static final ToolSpecification TIME = ToolSpecification.builder()
            .name("get_time")
            .parameters(JsonObjectSchema.builder().addStringProperty("timezone").required("timezone").build())
            .build();


    private static OpenAiChatModel chatModel(String model, int maxRetries) {
        return OpenAiChatModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("test-key").modelName(model)
                .maxRetries(maxRetries).timeout(Duration.ofSeconds(30)).build();
    }

    private static OpenAiStreamingChatModel streamingModel(String model) {
        return OpenAiStreamingChatModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("test-key").modelName(model)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void echoModelAnswersWithTheLastUserMessageAndReportsUsage() {
        ChatResponse response = chatModel("sim-echo", 0).chat(UserMessage.from("Hello, simulator!"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello, simulator!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(2);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(4);
    }

    @Test
    void maxTokensCutsTheReplyWithALengthFinish() {
        ChatResponse response = chatModel("sim-echo", 0).chat(ChatRequest.builder()
                .messages(UserMessage.from("one two three four five")).maxOutputTokens(2).build());

        assertThat(response.aiMessage().text()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void toolsModelCallsEveryOfferedToolWithArgumentsFromItsSchema() {
        ChatResponse response = chatModel("sim-tools", 0).chat(ChatRequest.builder()
                .messages(UserMessage.from("What's the weather and time?")).toolSpecifications(WEATHER, TIME).build());

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertThat(calls).extracting(ToolExecutionRequest::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).arguments()).isEqualTo("{\"city\":\"Paris\",\"days\":1}");
        assertThat(calls).extracting(ToolExecutionRequest::id).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
    }

    @Test
    void aFullToolRoundTripEndsWithTheToolResultsAsTheAnswer() {
        OpenAiChatModel model = chatModel("sim-tools", 0);
        List<ChatMessage> conversation = new ArrayList<>(List.of(UserMessage.from("Weather in Paris?")));

        AiMessage call = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(WEATHER).build())
                .aiMessage();
        conversation.add(call);
        conversation.add(ToolExecutionResultMessage.from(call.toolExecutionRequests().getFirst(), "sunny, 21 C"));
        ChatResponse answer = model.chat(ChatRequest.builder().messages(conversation).toolSpecifications(WEATHER).build());

        assertThat(answer.aiMessage().text()).isEqualTo("get_weather: sunny, 21 C");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void streamingDeliversTheTextTokenByTokenWithUsage() {
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-echo").chat(List.of(UserMessage.from("stream these four words")), collector);
        ChatResponse response = collector.awaitResponse();

        assertThat(collector.partials()).containsExactly("stream ", "these ", "four ", "words");
        assertThat(response.aiMessage().text()).isEqualTo("stream these four words");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    @Test
    void streamingToolCallsAreReassembledByTheClient() {
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-tools").chat(ChatRequest.builder().messages(UserMessage.from("weather?"))
                .toolSpecifications(WEATHER, TIME).build(), collector);
        ChatResponse response = collector.awaitResponse();

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\",\"days\":1}"),
                        org.assertj.core.groups.Tuple.tuple("get_time", "{\"timezone\":\"UTC\"}"));
    }

    @Test
    void a429BecomesRateLimitExceptionAfterTheClientRetried() {
        sim.control().setFaultRates(FaultRates.of(Fault.RATE_LIMITED, 1.0));

        assertThatThrownBy(() -> chatModel("sim-echo", 1).chat("hi")).isInstanceOf(RateLimitException.class);
        assertThat(sim.control().stats().byFault()).containsEntry("429", 2L);
    }

    @Test
    void a500BecomesInternalServerException() {
        sim.control().setFaultRates(FaultRates.of(Fault.SERVER_ERROR, 1.0));

        assertThatThrownBy(() -> chatModel("sim-echo", 0).chat("hi")).isInstanceOf(InternalServerException.class);
    }

    @Test
    void anUnknownModelBecomesModelNotFoundException() {
        assertThatThrownBy(() -> chatModel("gpt-nonexistent", 0).chat("hi")).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void aStreamingErrorReachesTheHandler() {
        sim.control().setFaultRates(FaultRates.of(Fault.SERVER_ERROR, 1.0));
        StreamCollector collector = new StreamCollector();

        streamingModel("sim-echo").chat("hi", collector);

        assertThat(collector.awaitError()).isInstanceOf(InternalServerException.class);
    }

    @Test
    void embeddingsAreDeterministicAndHonourDimensions() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("test-key")
                .modelName("sim-embed").dimensions(64).maxRetries(0).build();

        Embedding first = model.embed("the same text").content();
        Embedding second = model.embed("the same text").content();
        Embedding other = model.embed("something else entirely").content();

        assertThat(first.dimension()).isEqualTo(64);
        assertThat(first.vector()).containsExactly(second.vector());
        assertThat(first.vector()).isNotEqualTo(other.vector());
    }
}
