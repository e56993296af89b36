package dev.rampart.shared;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions that commit on their own, whatever the caller's transaction does later. For rows a
 * node goes on relying on in memory (keys, budgets): if they rolled back with the caller, the node
 * would use something that no longer exists.
 */
public final class IndependentTransactions {

	private IndependentTransactions() {
	}

	public static TransactionTemplate of(PlatformTransactionManager transactions) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template;
	}
}
