package dev.rampart.agents;

/**
 * One earlier exchange of a conversation (a thread's succeeded run, #8): what the user said and what the agent answered.
 * A step puts its thread's turns between the instructions and the new input so the model sees the conversation; both
 * texts are untrusted (the answer may echo untrusted input) and are screened like user input.
 *
 * @param input the user's message
 * @param output the agent's answer
 */
public record Turn(String input, String output) {
}
