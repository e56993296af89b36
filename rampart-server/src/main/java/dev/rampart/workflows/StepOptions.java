package dev.rampart.workflows;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What every step may declare besides its type's fields.
 *
 * @param retry how a failed attempt is retried ({@link RetryPolicy#NONE} unless set)
 * @param timeout how long one attempt may take; for {@link Step.Approval} and {@link Step.Wait} how long to wait for a
 * human before taking {@code onTimeout}; null: no step timeout (the run's limits still apply)
 * @param optional true: a failure after the retries is recorded and the run continues at {@code next} with a null output
 * @param compensation the id of the step that undoes this one if the workflow fails later, or null
 */
public record StepOptions(RetryPolicy retry, @Nullable Duration timeout, boolean optional, @Nullable String compensation) {

	public static final StepOptions DEFAULTS = new StepOptions(RetryPolicy.NONE, null, false, null);
}
