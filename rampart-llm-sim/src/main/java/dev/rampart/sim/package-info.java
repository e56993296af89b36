/**
 * An LLM simulator speaking the OpenAI, Anthropic, Azure OpenAI, Ollama and Gemini APIs, with scripted replies,
 * latency and fault injection.
 */
@NullMarked
package dev.rampart.sim;

import org.jspecify.annotations.NullMarked;
