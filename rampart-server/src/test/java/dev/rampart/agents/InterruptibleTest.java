package dev.rampart.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * {@link Interruptible}: a cancel interrupts the call in flight and surfaces as {@link CancellationException}; the
 * interrupt never outlives the call, and a hook closed with the call does nothing later.
 */
class InterruptibleTest {

	/** A listener whose cancel the test fires; one hook at a time. */
	static final class Cancellable implements StepListener {

		final AtomicReference<Runnable> hook = new AtomicReference<>();

		@Override
		public void on(StepEvent event) {
		}

		@Override
		public Registration onCancel(Runnable stop) {
			hook.set(stop);
			return () -> hook.set(null);
		}

		void cancel() {
			Runnable stop = hook.get();
			if (stop != null) {
				stop.run();
			}
		}
	}

	@Test
	void aCancelInterruptsTheBlockedCallAndTheInterruptIsClearedAfterwards() throws InterruptedException {
		Cancellable listener = new Cancellable();
		CountDownLatch inCall = new CountDownLatch(1);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				Interruptible.call(listener, () -> {
					inCall.countDown();
					try {
						Thread.sleep(60_000);
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException("interrupted", ex);
					}
					return "never";
				});
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
			}
			interruptedAfter.set(Thread.currentThread().isInterrupted());
		});
		assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

		listener.cancel();
		caller.join(10_000);

		assertThat(thrown.get()).isInstanceOf(CancellationException.class)
			.hasCauseInstanceOf(IllegalStateException.class);
		assertThat(interruptedAfter.get()).isFalse();
		assertThat(listener.hook.get()).as("the hook is closed with the call").isNull();
	}

	@Test
	void aCallThatEndedIsNotInterruptedByALateCancel() {
		Cancellable listener = new Cancellable();
		AtomicReference<Runnable> kept = new AtomicReference<>();
		String answer = Interruptible.call(new StepListener() {
			@Override
			public void on(StepEvent event) {
			}

			@Override
			public Registration onCancel(Runnable stop) {
				kept.set(stop);
				return listener.onCancel(stop);
			}
		}, () -> "answer");

		kept.get().run();

		assertThat(answer).isEqualTo("answer");
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void aListenerWithoutHooksLetsTheCallRunAndFailAsItDoes() {
		assertThat(Interruptible.call(StepListener.NONE, () -> 42)).isEqualTo(42);
		assertThatThrownBy(() -> Interruptible.call(StepListener.NONE, () -> {
			throw new IllegalArgumentException("its own failure");
		})).isInstanceOf(IllegalArgumentException.class);
	}
}
