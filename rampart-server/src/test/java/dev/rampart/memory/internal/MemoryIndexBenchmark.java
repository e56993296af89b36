package dev.rampart.memory.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.util.unit.DataSize;

import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorIndex;
import dev.rampart.memory.VectorMatch;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.embeddings.LocalEmbeddings;

/**
 * The issue #7 memory retrieval target, as a harness rather than JMH (build time, recall and heap are not JMH figures):
 * N seeded, clustered, unit-length vectors (Gaussian around C centroids, like sentence embeddings) in one agent; cold
 * build from the source; top-10 latency on one thread over Q unseen queries (hot, then warm after a restart); recall@10
 * against brute force; heap of the hot index by MemoryMXBean after GC. Not a test: its class name keeps it out of
 * {@code mvn verify}. Run (docs/BENCHMARKS.md, "Memory index"):
 *
 * <pre>
 * mvn -B -q -ntp -o -pl rampart-server verify -Dtest=MemoryIndexBenchmark -Dit.test=NONE -Dlicense.skip \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dmemory.bench=true \
 *   -Drampart.test.jvm="-Xmx3g --add-modules jdk.incubator.vector" [-Dmemory.bench.count=100000 ...]
 * </pre>
 * With {@code -Dmemory.bench.data=minilm} the vectors are real MiniLM embeddings of generated sentences (embedded once,
 * then cached under {@code target/minilm-cache}).
 * Figures go to standard output and {@code target/memory-index-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "memory.bench", matches = "true")
class MemoryIndexBenchmark {

	private static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-7000-8000-0000000000c3"));

	private final int count = Integer.getInteger("memory.bench.count", 100_000);

	private final int dim = Integer.getInteger("memory.bench.dim", 384);

	private final int centroids = Integer.getInteger("memory.bench.centroids", 1_000);

	private final int queries = Integer.getInteger("memory.bench.queries", 1_000);

	private final int maxDegree = Integer.getInteger("memory.bench.m", 32);

	private final int constructionWidth = Integer.getInteger("memory.bench.construction", 100);

	private final int searchWidth = Integer.getInteger("memory.bench.search", 100);

	private final double spread = Double.parseDouble(System.getProperty("memory.bench.spread", "0.35"));

	/** {@code minilm}: real embeddings of generated sentences ({@link MiniLmCorpus}) instead of Gaussian clusters. */
	private final boolean miniLm = "minilm".equals(System.getProperty("memory.bench.data"));

	/** 0: isotropic noise around each centroid; r > 0: noise mostly within r shared directions (low intrinsic dimension, as real embeddings have) plus 5 % isotropic. */
	private final int intrinsic = Integer.getInteger("memory.bench.intrinsic", 0);

	private float[][] directions = new float[0][];

	private final StringBuilder report = new StringBuilder();

	@Test
	void run() throws Exception {
		float[][] data;
		float[][] probes;
		if (miniLm) {
			List<String> texts = MiniLmCorpus.sentences(count + queries, 42);
			float[][] all = MiniLmCorpus.embed(texts, Path.of("target/minilm-cache/sentences-" + texts.size() + ".bin"),
					new LocalEmbeddings(Path.of("target/native-cache")), this::line);
			data = Arrays.copyOfRange(all, 0, count);
			probes = Arrays.copyOfRange(all, count, all.length);
			line("memory index: %,d real MiniLM embeddings x %d dims of distinct synthetic sentences, %,d unseen "
					+ "sentences as queries; M=%d construction=%d search=%d; %d cores, JDK %s, vector API %s", count,
					dim, queries, maxDegree, constructionWidth, searchWidth, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"), ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
		}
		else {
			SplittableRandom random = new SplittableRandom(42);
			directions = new float[intrinsic][];
			for (int r = 0; r < intrinsic; r++) {
				directions[r] = gaussian(random, null, 1.0);
			}
			float[][] centres = new float[centroids][];
			for (int c = 0; c < centroids; c++) {
				centres[c] = gaussian(random, null, 1.0);
			}
			data = new float[count][];
			for (int i = 0; i < count; i++) {
				data[i] = point(random, centres[random.nextInt(centroids)]);
			}
			probes = new float[queries][];
			for (int q = 0; q < queries; q++) {
				probes[q] = point(random, centres[random.nextInt(centroids)]);
			}
			line("memory index: %,d vectors x %d dims, %,d centroids (spread %.2f, intrinsic %d), %,d queries; M=%d "
					+ "construction=%d search=%d; %d cores, JDK %s, vector API %s", count, dim, centroids, spread,
					intrinsic, queries, maxDegree, constructionWidth, searchWidth,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
		}
		UUID[] ids = new UUID[count];
		for (int i = 0; i < count; i++) {
			ids[i] = new UUID(0L, i + 1L);
		}

		int[][] truth = exactTop10(data, probes);

		Path dir = Files.createTempDirectory(Path.of("target"), "memory-index-bench");
		var settings = new MemoryIndexProperties(DataSize.ofGigabytes(4), dir, dim, maxDegree, constructionWidth,
				searchWidth, 0);
		UUID agent = UUID.randomUUID();
		long heapBefore = usedHeapAfterGc();
		var indexes = new TieredVectorIndexes(settings, dir, (tenant, a, sink) -> {
			for (int i = 0; i < count; i++) {
				sink.accept(ids[i], data[i]);
			}
		});
		VectorIndex index = indexes.of(TENANT, agent);
		long start = System.nanoTime();
		int size = index.size(); // cold: rebuilds from the source
		double buildSeconds = (System.nanoTime() - start) / 1e9;
		long heapAfter = usedHeapAfterGc();
		line("cold build: %,d vectors in %.1f s (%.0f vectors/s)", size, buildSeconds, size / buildSeconds);
		line("heap of the hot index: %.1f MiB measured (%.1f MiB per 100k), %.1f MiB estimated for the budget",
				(heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1048576.0 * 100_000 / count,
				indexes.hotBytes() / 1048576.0);

		measure("hot", index, probes, truth);
		start = System.nanoTime();
		indexes.close();
		line("write to disk: %.1f s, %.1f MiB", (System.nanoTime() - start) / 1e9, folderBytes(dir) / 1048576.0);
		var reopened = new TieredVectorIndexes(settings, dir, (tenant, a, sink) -> {
			throw new AssertionError("warm index expected");
		});
		measure("warm (mmap)", reopened.of(TENANT, agent), probes, truth);
		reopened.close();
		Files.writeString(Path.of("target/memory-index-benchmark.txt"), report);
	}

	private void measure(String tier, VectorIndex index, float[][] probes, int[][] truth) {
		for (int w = 0; w < Math.min(500, probes.length); w++) {
			index.search(probes[w], 10);
		}
		long[] nanos = new long[probes.length];
		int found = 0;
		for (int q = 0; q < probes.length; q++) {
			long t0 = System.nanoTime();
			List<VectorMatch> matches = index.search(probes[q], 10);
			nanos[q] = System.nanoTime() - t0;
			for (VectorMatch match : matches) {
				int ordinal = (int) match.id().getLeastSignificantBits() - 1;
				for (int t : truth[q]) {
					if (t == ordinal) {
						found++;
					}
				}
			}
		}
		Arrays.sort(nanos);
		line("%s top-10, one thread: p50 %.3f ms, p99 %.3f ms, max %.3f ms; recall@10 %.4f", tier,
				nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
				nanos[nanos.length - 1] / 1e6, found / (10.0 * probes.length));
	}

	private int[][] exactTop10(float[][] data, float[][] probes) {
		float[][] unitData = new float[data.length][];
		for (int i = 0; i < data.length; i++) {
			unitData[i] = unit(data[i]);
		}
		return IntStream.range(0, probes.length).parallel().mapToObj(q -> {
			float[] p = unit(probes[q]);
			int[] best = new int[10];
			float[] bestScore = new float[10];
			Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
			for (int i = 0; i < unitData.length; i++) {
				float dot = 0;
				float[] v = unitData[i];
				for (int d = 0; d < v.length; d++) {
					dot += p[d] * v[d];
				}
				if (dot > bestScore[9]) {
					int pos = 9;
					while (pos > 0 && bestScore[pos - 1] < dot) {
						bestScore[pos] = bestScore[pos - 1];
						best[pos] = best[pos - 1];
						pos--;
					}
					bestScore[pos] = dot;
					best[pos] = i;
				}
			}
			return best;
		}).toArray(int[][]::new);
	}

	private float[] point(SplittableRandom random, float[] centre) {
		if (intrinsic == 0) {
			return gaussian(random, centre, spread);
		}
		float[] shifted = centre.clone();
		for (float[] direction : directions) {
			double c = spread * Math.sqrt(dim) * nextGaussian(random) / Math.sqrt(intrinsic);
			for (int d = 0; d < dim; d++) {
				shifted[d] += (float) (c * direction[d]);
			}
		}
		return gaussian(random, shifted, 0.05 * spread);
	}

	private float[] gaussian(SplittableRandom random, @Nullable float[] centre, double sigma) {
		float[] v = new float[dim];
		double norm = 0;
		for (int d = 0; d < dim; d++) {
			double x = (centre == null ? 0 : centre[d]) + sigma * nextGaussian(random);
			v[d] = (float) x;
			norm += x * x;
		}
		float scale = (float) (1 / Math.sqrt(norm));
		for (int d = 0; d < dim; d++) {
			v[d] *= scale;
		}
		return v;
	}

	private static double nextGaussian(SplittableRandom random) {
		double u = 1 - random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
	}

	private static float[] unit(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += (double) x * x;
		}
		float[] u = new float[v.length];
		for (int d = 0; d < v.length; d++) {
			u[d] = (float) (v[d] / Math.sqrt(norm));
		}
		return u;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static long folderBytes(Path dir) throws Exception {
		try (var files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}

	private void line(String format, Object... args) {
		String text = String.format(format, args);
		System.out.println(text);
		report.append(text).append('\n');
	}
}
