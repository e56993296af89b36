package dev.rampart.memory;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.memory.index.*}: the vector index tiers and the graph parameters that trade recall for speed
 * (docs/memory.md; the defaults reach recall@10 ≥ 0.95 on 100,000 × 384, docs/BENCHMARKS.md).
 *
 * @param hotBudget heap for hot (on-heap, writable) indexes across all agents, by estimate; the least recently used
 * index beyond it is written to disk (default 256MB)
 * @param directory where warm indexes are written, one folder per tenant and agent (default
 * {@code <data-dir>/memory-index})
 * @param dimension vector dimension (default 384, the in-process MiniLM model)
 * @param maxDegree graph neighbours per node, HNSW's M (default 32)
 * @param constructionWidth candidates considered when a node is inserted (default 100)
 * @param searchWidth candidates kept during a search, at least k (default 100)
 * @param exactBelow below this many vectors a search compares the query with every vector instead of walking the
 * graph: exact, and as fast at that size (default 1,000; 0 always uses the graph)
 */
@ConfigurationProperties("rampart.memory.index")
@Validated
public record MemoryIndexProperties(@DefaultValue("256MB") DataSize hotBudget, @Nullable Path directory,
		@DefaultValue("384") @Min(2) @Max(4096) int dimension, @DefaultValue("32") @Min(4) @Max(128) int maxDegree,
		@DefaultValue("100") @Min(10) @Max(1000) int constructionWidth,
		@DefaultValue("100") @Min(10) @Max(1000) int searchWidth,
		@DefaultValue("1000") @Min(0) @Max(100_000) int exactBelow) {

	/** The defaults with another budget and directory, for tests and benchmarks. */
	public static MemoryIndexProperties defaults(DataSize hotBudget, Path directory) {
		return new MemoryIndexProperties(hotBudget, directory, 384, 32, 100, 100, 1_000);
	}

	/** {@link #directory()} or {@code <dataDir>/memory-index}. */
	public Path directoryUnder(Path dataDir) {
		return directory != null ? directory : dataDir.resolve("memory-index");
	}
}
