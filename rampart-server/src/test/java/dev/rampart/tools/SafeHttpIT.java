package dev.rampart.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import dev.rampart.ServerTest;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running server offers one {@link SafeHttp}, and it refuses what the unit table refuses. */
@ServerTest
class SafeHttpIT {

	@Autowired
	SafeHttp http;

	@Test
	void theServerRefusesTheMetadataEndpoint() {
		assertThat(http).isNotNull();
		assertThatThrownBy(() -> http.send(TenantId.DEFAULT,
				SafeHttp.Request.get(URI.create("http://169.254.169.254/latest/meta-data/")), EgressPolicy.defaults()))
			.isInstanceOfSatisfying(RampartException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED));
	}
}
