package dev.rampart.shared.embeddings;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * In-process embeddings ({@code rampart.embeddings.*}).
 *
 * @param nativeDir where the model's native libraries are unpacked; empty = {@code <data-dir>/native}
 */
@ConfigurationProperties("rampart.embeddings")
record EmbeddingsProperties(@Nullable Path nativeDir) {
}
