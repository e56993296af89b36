package dev.rampart.memory.internal;

import java.time.Clock;

import javax.sql.DataSource;

import dev.rampart.memory.Memories;
import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.MemoryProperties;
import dev.rampart.memory.VectorIndexes;
import dev.rampart.memory.VectorSource;
import dev.rampart.providers.LlmGateway;
import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.embeddings.LocalEmbeddings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The node's memory: one set of tiered vector indexes under {@code <data-dir>/memory-index} (closed at shutdown, which
 * writes hot indexes to disk so the next start is warm), fed by the memories table.
 */
@Configuration(proxyBeanMethods = false)
class MemoryConfiguration {

	@Bean
	VectorSource memoryVectorSource(DataSource dataSource, TenantTransactions transactions,
			MemoryIndexProperties index) {
		return new JdbcVectorSource(dataSource, transactions, index);
	}

	@Bean(destroyMethod = "close")
	TieredVectorIndexes vectorIndexes(MemoryIndexProperties index, RampartProperties rampart, VectorSource source) {
		return new TieredVectorIndexes(index, index.directoryUnder(rampart.dataDir()), source);
	}

	@Bean
	Memories memories(JdbcClient jdbc, TenantTransactions transactions, Clock clock, VectorIndexes indexes,
			LocalEmbeddings local, LlmGateway gateway, MemoryIndexProperties index, MemoryProperties properties) {
		return new JdbcMemories(jdbc, transactions, clock, indexes,
				new MemoryEmbedder(local, gateway, index), properties);
	}
}
