package dev.rampart.memory.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The warm tier's files of one agent, {@code <root>/<tenant>/<agent>/}: {@code graph.jv} (jvector's on-disk graph with
 * inline vectors) and {@code ids.bin} (the memory id of each graph ordinal). Both are written under temporary names and
 * moved into place, ids first and graph last; the graph's presence is the completeness mark. They are deleted before any
 * write to the agent's index, so files on disk are never older than the index (a crash leaves no files: cold rebuild).
 */
record IndexFiles(Path folder) {

	private static final int IDS_MAGIC = 0x52494458; // "RIDX"

	static IndexFiles of(Path root, IndexKey key) {
		return new IndexFiles(root.resolve(key.tenant().value().toString()).resolve(key.agent().toString()));
	}

	Path graph() {
		return folder.resolve("graph.jv");
	}

	Path ids() {
		return folder.resolve("ids.bin");
	}

	boolean exist() {
		return Files.isRegularFile(graph()) && Files.isRegularFile(ids());
	}

	void write(HotIndex index) throws IOException {
		Files.createDirectories(folder);
		delete();
		Path graphTemp = folder.resolve("graph.jv.tmp");
		Path idsTemp = folder.resolve("ids.bin.tmp");
		List<UUID> ids = index.writeTo(graphTemp);
		try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsTemp)))) {
			out.writeInt(IDS_MAGIC);
			out.writeInt(ids.size());
			for (UUID id : ids) {
				out.writeLong(id.getMostSignificantBits());
				out.writeLong(id.getLeastSignificantBits());
			}
		}
		Files.move(idsTemp, ids(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Files.move(graphTemp, graph(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	List<UUID> readIds() throws IOException {
		try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(ids())))) {
			if (in.readInt() != IDS_MAGIC) {
				throw new IOException(ids() + " is not an id file");
			}
			int count = in.readInt();
			List<UUID> ids = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				ids.add(new UUID(in.readLong(), in.readLong()));
			}
			return ids;
		}
	}

	/** Removes the agent's files (graph first, so a half-deleted pair is never taken for complete). */
	void delete() throws IOException {
		Files.deleteIfExists(graph());
		Files.deleteIfExists(ids());
		if (Files.isDirectory(folder)) {
			try (Stream<Path> leftovers = Files.list(folder)) {
				for (Path path : leftovers.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}
}
