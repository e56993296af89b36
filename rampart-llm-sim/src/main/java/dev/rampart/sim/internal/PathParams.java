package dev.rampart.sim.internal;

import org.jspecify.annotations.Nullable;

/**
 * What some APIs put in the URL rather than the body: the model (Gemini's {@code models/{model}:action},
 * Azure's deployment) and whether to stream (Gemini's {@code :streamGenerateContent}).
 *
 * @param model the model named by the path, or null when the body names it
 */
record PathParams(@Nullable String model, boolean stream) {

    static final PathParams NONE = new PathParams(null, false);
}
