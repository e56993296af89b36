package dev.rampart.shared.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where the embedding model's native code goes. Left alone, DJL's tokenizer unpacks into
 * {@code ~/.djl.ai}, JNA into the user's cache and ONNX Runtime into a fresh directory under
 * {@code java.io.tmpdir}, which fails on hosts that mount {@code /tmp} noexec. Each location
 * is pointed under the node's own folder instead, unless the operator already set it.
 */
final class NativeLibraries {

	private static final String ORT_NATIVE_PATH = "onnxruntime.native.path";

	private NativeLibraries() {
	}

	static synchronized void prepare(Path cacheDir) {
		Path root = cacheDir.toAbsolutePath().normalize();
		setIfAbsent("DJL_CACHE_DIR", root.resolve("djl").toString());
		setIfAbsent("ai.djl.offline", "true");
		setIfAbsent("jna.tmpdir", root.resolve("jna").toString());
		if (System.getProperty(ORT_NATIVE_PATH) == null) {
			Path ort = unpackOnnxRuntime(root.resolve("onnxruntime"));
			if (ort != null) {
				System.setProperty(ORT_NATIVE_PATH, ort.toString());
			}
		}
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null && System.getenv(property) == null) {
			System.setProperty(property, value);
		}
	}

	/** Copies ONNX Runtime's two libraries out of its jar once; null on a platform the jar has no libraries for. */
	private static @Nullable Path unpackOnnxRuntime(Path dir) {
		String platform = platform();
		if (platform == null) {
			return null;
		}
		Path target = dir.resolve(platform);
		try {
			Files.createDirectories(target);
			for (String name : new String[] { "onnxruntime", "onnxruntime4j_jni" }) {
				String file = System.mapLibraryName(name);
				String resource = "ai/onnxruntime/native/" + platform + "/" + file;
				try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
					if (in == null) {
						return null;
					}
					copyIfChanged(in, target.resolve(file));
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not unpack ONNX Runtime into " + target, ex);
		}
	}

	/** Writes the library when the file is missing or differs in size (another version), atomically. */
	private static void copyIfChanged(InputStream in, Path file) throws IOException {
		byte[] bytes = in.readAllBytes();
		if (Files.exists(file) && Files.size(file) == bytes.length) {
			return;
		}
		Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
		try {
			Files.write(partial, bytes);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private static @Nullable String platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
		if (cpu == null) {
			return null;
		}
		if (os.contains("linux")) {
			return "linux-" + cpu;
		}
		if (os.contains("mac") || os.contains("darwin")) {
			return "osx-" + cpu;
		}
		return os.contains("win") && cpu.equals("x64") ? "win-x64" : null;
	}
}
