package dev.rampart.shared.embeddings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Lets loads and embeddings in progress finish before the JVM starts shutting down on SIGTERM or
 * SIGINT. ONNX Runtime registers its own shutdown hook that frees its native environment; the JVM
 * runs every hook at once, so a session being created or a text being embedded at that moment reads
 * freed memory and the process dies with SIGSEGV (exit 134) instead of stopping cleanly. No hook can
 * be ordered before another, so the guard takes over the two signals before a model loads: it closes
 * every loaded {@link LocalEmbeddings} (waiting for their work, refusing new work), then exits with
 * the status the JVM's own handler would have used (143 and 130), which runs all hooks as before.
 *
 * <p>What it does not cover: a {@code System.exit} from elsewhere while a text is being embedded.
 */
final class ShutdownGuard {

	private static final Logger log = LoggerFactory.getLogger(ShutdownGuard.class);
	private static final List<LocalEmbeddings> OPEN = new CopyOnWriteArrayList<>();
	private static final AtomicBoolean INSTALLED = new AtomicBoolean();

	private ShutdownGuard() {
	}

	static void watch(LocalEmbeddings embeddings) {
		OPEN.add(embeddings);
		if (INSTALLED.compareAndSet(false, true)) {
			for (String name : List.of("TERM", "INT")) {
				try {
					Signal.handle(new Signal(name), ShutdownGuard::stop);
				}
				catch (IllegalArgumentException | UnsupportedOperationException ex) {
					log.debug("Cannot handle SIG{} before shutdown hooks ({}); embeddings in flight may crash on exit", name,
							ex.getMessage());
				}
			}
		}
	}

	static void forget(LocalEmbeddings embeddings) {
		OPEN.remove(embeddings);
	}

	private static void stop(Signal signal) {
		for (LocalEmbeddings embeddings : OPEN) {
			embeddings.close();
		}
		System.exit(128 + signal.getNumber());
	}
}
