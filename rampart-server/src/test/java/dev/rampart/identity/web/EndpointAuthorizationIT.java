package dev.rampart.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.identity.Permission;
import dev.rampart.identity.Role;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.PublicEndpoint;
import dev.rampart.shared.Requires;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated from the application's own mappings, so a new endpoint is covered without touching this
 * test: every handler declares a permission or is explicitly public, and every built-in role that
 * lacks an endpoint's permission is refused with 403, while a role that has it is not.
 */
@ServerTest
@Import(TestUsers.class)
class EndpointAuthorizationIT {

	private static final String PASSWORD = "lantern-harbour-quiet-79";

	@LocalServerPort
	int port;

	private final RequestMappingHandlerMapping mappings;
	private final TestUsers users;
	private final Map<String, HttpProbe> signedIn = new ConcurrentHashMap<>();

	@Autowired
	EndpointAuthorizationIT(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, TestUsers users) {
		this.mappings = mappings;
		this.users = users;
	}

	@Test
	void everyHandlerDeclaresAPermissionOrIsExplicitlyPublic() {
		List<String> undeclared = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			if (method.getBeanType().getPackageName().startsWith("dev.rampart") && !method.hasMethodAnnotation(Requires.class)
					&& !method.hasMethodAnnotation(PublicEndpoint.class)
					&& !method.getBeanType().isAnnotationPresent(PublicEndpoint.class)) {
				undeclared.add(info.toString());
			}
		});

		assertThat(undeclared).as("handlers without @Requires or @PublicEndpoint").isEmpty();
	}

	@Test
	void everyRoleWithoutAnEndpointsPermissionIsRefusedAndEveryRoleWithItIsLetThrough() {
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			Requires requires = mapping.getValue().getMethodAnnotation(Requires.class);
			if (requires == null) {
				continue;
			}
			Permission needed = Permission.of(requires.value());
			String method = mapping.getKey().getMethodsCondition().getMethods().stream().findFirst().map(RequestMethod::name)
				.orElse("GET");
			String path = mapping.getKey().getPatternValues().iterator().next().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			for (Role role : Role.BUILT_IN) {
				boolean granted = role.grants().stream().anyMatch(grant -> grant.permission().implies(needed));
				Reply reply = as(role.name()).json(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
				if (granted) {
					assertThat(reply.status()).as("%s %s as %s", method, path, role.name()).isNotIn(401, 403);
				}
				else {
					assertThat(reply.status()).as("%s %s as %s", method, path, role.name()).isEqualTo(403);
					assertThat(reply.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
				}
				checked++;
			}
		}
		assertThat(checked).isGreaterThanOrEqualTo(10 * Role.BUILT_IN.size());
	}

	private HttpProbe as(String role) {
		return signedIn.computeIfAbsent(role, r -> {
			String email = r + "-" + UUID.randomUUID() + "@example.org";
			users.userWithRole(email, PASSWORD, r);
			return HttpProbe.signedIn(port, email, PASSWORD);
		});
	}
}
