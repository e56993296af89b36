package dev.rampart.agents;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Runs a blocking call (a model stream, a tool call) so that a cancel stops it rather than waiting for it: while the call
 * runs, a {@link StepListener#onCancel} hook interrupts the calling thread, which the provider gateway and the tool
 * invoker answer by closing the stream or cancelling the tool's future. The interrupt never outlives the call: it is
 * cleared before this returns, so the caller's next database write is not broken by it. A call the cancel reached
 * throws {@link CancellationException}, whatever it returned or threw, even when its answer arrived at the same moment.
 */
public final class Interruptible {

	private Interruptible() {
	}

	/**
	 * Runs {@code call} on this thread under {@code listener}'s cancel.
	 *
	 * @throws CancellationException when the cancel arrived while the call ran
	 */
	public static <T> T call(StepListener listener, Supplier<T> call) {
		Interruption interruption = new Interruption(Thread.currentThread());
		T result;
		try (StepListener.Registration registration = listener.onCancel(interruption::fire)) {
			try {
				result = call.get();
			}
			finally {
				interruption.disarm();
			}
		}
		catch (RuntimeException ex) {
			if (interruption.fired()) {
				CancellationException cancelled = new CancellationException("the call was cancelled while in flight");
				cancelled.initCause(ex);
				throw cancelled;
			}
			throw ex;
		}
		if (interruption.fired()) {
			throw new CancellationException("the call was cancelled while in flight");
		}
		return result;
	}

	/** Interrupts one thread at most once, and only while armed; disarming clears an interrupt it caused. */
	private static final class Interruption {

		private final Thread thread;
		private boolean armed = true;
		private boolean fired;

		Interruption(Thread thread) {
			this.thread = thread;
		}

		synchronized void fire() {
			if (armed && !fired) {
				fired = true;
				thread.interrupt();
			}
		}

		/** Called on the interrupted thread itself once the call ended. */
		synchronized void disarm() {
			armed = false;
			if (fired) {
				Thread.interrupted();
			}
		}

		synchronized boolean fired() {
			return fired;
		}
	}
}
