package dev.rampart.executions.internal;

/**
 * Executes one kind of run ({@code agent}, {@code workflow}) on a worker's virtual thread.
 * It writes everything through {@link RunJournal} with the claim's fence and ends the run in a state of its own choosing;
 * on {@link StaleFenceException} (or {@link Execution#lost()}) it stops and writes nothing more.
 */
interface RunExecutor {

	/** The {@code runs.kind} it executes. */
	String kind();

	void execute(ClaimedRun run, Execution execution);
}
