package dev.rampart.shared.embeddings;

import java.nio.file.Path;

import dev.rampart.shared.RampartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link LocalEmbeddings} per node; its native libraries go under {@code <data-dir>/native} unless configured. */
@Configuration(proxyBeanMethods = false)
class EmbeddingsConfiguration {

	@Bean
	LocalEmbeddings localEmbeddings(RampartProperties rampart, EmbeddingsProperties properties) {
		Path configured = properties.nativeDir();
		Path cacheDir = configured != null && !configured.toString().isBlank() ? configured : rampart.dataDir().resolve("native");
		return new LocalEmbeddings(cacheDir);
	}
}
