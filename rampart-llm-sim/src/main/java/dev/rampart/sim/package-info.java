/** An OpenAI- and Anthropic-compatible LLM simulator with scripted replies, latency and fault injection. */
@NullMarked
package dev.rampart.sim;

import org.jspecify.annotations.NullMarked;
