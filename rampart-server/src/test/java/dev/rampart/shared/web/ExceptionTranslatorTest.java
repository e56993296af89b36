package dev.rampart.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.shared.Problems;
import dev.rampart.shared.TraceIds;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ExceptionTranslatorTest {

	private final ExceptionTranslator translator = new ExceptionTranslator(
			new Problems(new TraceIds(new StaticListableBeanFactory().getBeanProvider(Tracer.class))));

	@Test
	void aUniqueConstraintHitByARaceIsARetriableConflictNotAServerError() {
		ProblemDetail problem = translator.translate(new DuplicateKeyException("duplicate key value violates users_email_index"),
				HttpStatus.INTERNAL_SERVER_ERROR);

		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getProperties()).containsEntry("code", "CONCURRENT_CHANGE").containsEntry("canRetry", true);
		assertThat(String.valueOf(problem.getProperties().get("technicalDetails"))).doesNotContain("users_email_index");
	}

	@Test
	void anyOtherIntegrityViolationStaysAnInternalError() {
		ProblemDetail problem = translator.translate(new DataIntegrityViolationException("check constraint"),
				HttpStatus.INTERNAL_SERVER_ERROR);

		assertThat(problem.getStatus()).isEqualTo(500);
	}
}
