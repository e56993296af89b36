package dev.rampart.executions.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * {@link HeapGauge} from the JVM's memory pools: what the old generation held right after its last collection
 * ({@link MemoryPoolMXBean#getCollectionUsage}), which is what the heap really keeps, unlike the current use that rises
 * and falls with garbage between collections. Until the old generation was first collected (or with a collector whose
 * pools report nothing), heap used / max.
 */
@Component
class MemoryPoolGauge implements HeapGauge {

	private final List<MemoryPoolMXBean> retained = retainedPools();

	private static List<MemoryPoolMXBean> retainedPools() {
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
			.toList();
		List<MemoryPoolMXBean> old = heap.stream()
			.filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
			.toList();
		// single-pool collectors (non-generational ZGC, Shenandoah): the one heap pool
		return !old.isEmpty() ? old : heap.stream()
			.filter(pool -> !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
			.toList();
	}

	@Override
	public double occupancy() {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		long heapMax = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
		long used = 0;
		long max = 0;
		for (MemoryPoolMXBean pool : retained) {
			MemoryUsage afterCollection = pool.getCollectionUsage();
			if (afterCollection == null) {
				continue;
			}
			long poolMax = pool.getUsage().getMax();
			used += afterCollection.getUsed();
			max += poolMax > 0 ? poolMax : heapMax;
		}
		if (used > 0 && max > 0) {
			return (double) used / max;
		}
		return heapMax > 0 ? (double) heap.getUsed() / heapMax : Double.NaN;
	}
}
