package dev.rampart.gateway.threats;

/** Where flagged windows go: the reaction in a node (store, audit, notify, throttle), a collector in tests. */
@FunctionalInterface
interface AnomalySink {

	void raised(Finding finding);
}
