package dev.rampart.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.Permission;
import dev.rampart.identity.Role;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.Authenticated;
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
 * test: every handler declares a permission on a known resource, or is for any signed-in user, or is
 * explicitly public; every built-in role that lacks an endpoint's permission is refused with 403,
 * while a role that has it is not; platform endpoints admit platform admins only; and endpoints for
 * any signed-in user admit every role and refuse anonymous callers.
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
	void everyHandlerDeclaresExactlyOneOfAPermissionAnyUserOrPublic() {
		List<String> undeclared = new ArrayList<>();
		List<String> unknownResources = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			if (!method.getBeanType().getPackageName().startsWith("dev.rampart")) {
				return;
			}
			boolean isPublic = method.hasMethodAnnotation(PublicEndpoint.class)
					|| method.getBeanType().isAnnotationPresent(PublicEndpoint.class);
			long declarations = (method.hasMethodAnnotation(Requires.class) ? 1 : 0)
					+ (method.hasMethodAnnotation(Authenticated.class) ? 1 : 0) + (isPublic ? 1 : 0);
			if (declarations != 1) {
				undeclared.add(info.toString());
			}
			Requires requires = method.getMethodAnnotation(Requires.class);
			if (requires != null) {
				String resource = Permission.of(requires.value()).resource();
				if (!resource.equals(Permission.PLATFORM) && !Permission.TENANT_RESOURCES.contains(resource)) {
					unknownResources.add(info + " needs " + requires.value());
				}
			}
		});

		assertThat(undeclared).as("handlers without exactly one of @Requires, @Authenticated, @PublicEndpoint").isEmpty();
		assertThat(unknownResources).as("permissions on a resource missing from Permission.TENANT_RESOURCES").isEmpty();
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
			String method = method(mapping.getKey());
			String path = path(mapping.getKey());
			for (Role role : Role.BUILT_IN) {
				boolean granted = role.grants().stream().anyMatch(grant -> grant.permission().implies(needed));
				Reply reply = as(role.name()).json(method, path, body(method));
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

	/**
	 * No tenant role, not even owner's {@code *:*}, reaches the platform (the test above refuses every
	 * role); a platform admin gets past authorization. A proxy header makes the loopback-only key
	 * administration refuse after authorization, so this test rotates no keys.
	 */
	@Test
	void platformEndpointsAdmitPlatformAdminsOnly() {
		HttpProbe platformAdmin = HttpProbe.signedIn(port);
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			Requires requires = mapping.getValue().getMethodAnnotation(Requires.class);
			if (requires == null || !Permission.of(requires.value()).resource().equals(Permission.PLATFORM)) {
				continue;
			}
			String method = method(mapping.getKey());
			String path = path(mapping.getKey());
			Reply reply = platformAdmin.send(method, path, body(method), Map.of("X-Forwarded-For", "203.0.113.7"));

			assertThat(reply.status()).as("%s %s as platform admin", method, path).isNotEqualTo(401);
			assertThat(reply.json().path("code").asString("")).as("%s %s as platform admin", method, path)
				.isNotIn("PERMISSION_DENIED", "PASSWORD_CHANGE_REQUIRED");
			checked++;
		}
		assertThat(checked).as("platform endpoints: tenants and key administration").isGreaterThanOrEqualTo(7);
	}

	@Test
	void endpointsForAnySignedInUserAdmitEveryRoleAndNoAnonymousCaller() {
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			if (!mapping.getValue().hasMethodAnnotation(Authenticated.class)) {
				continue;
			}
			String method = method(mapping.getKey());
			String path = path(mapping.getKey());
			for (Role role : Role.BUILT_IN) {
				// a fresh user each time: these endpoints may end the caller's sessions (logout everywhere)
				String email = role.name() + "-any-" + UUID.randomUUID() + "@example.org";
				users.userWithRole(email, PASSWORD, role.name());
				Reply reply = HttpProbe.signedIn(port, email, PASSWORD).json(method, path, body(method));
				assertThat(reply.status()).as("%s %s as %s", method, path, role.name()).isNotIn(401, 403);
				checked++;
			}
			Reply anonymous = new HttpProbe(port).json(method, path, body(method));
			assertThat(anonymous.status()).as("%s %s anonymously", method, path).isEqualTo(401);
		}
		assertThat(checked).isGreaterThanOrEqualTo(3 * Role.BUILT_IN.size());
	}

	private static String method(RequestMappingInfo info) {
		return info.getMethodsCondition().getMethods().stream().findFirst().map(RequestMethod::name).orElse("GET");
	}

	private static String path(RequestMappingInfo info) {
		return info.getPatternValues().iterator().next().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
	}

	private static String body(String method) {
		return method.equals("GET") || method.equals("DELETE") ? null : "{}";
	}

	private HttpProbe as(String role) {
		return signedIn.computeIfAbsent(role, r -> {
			String email = r + "-" + UUID.randomUUID() + "@example.org";
			users.userWithRole(email, PASSWORD, r);
			return HttpProbe.signedIn(port, email, PASSWORD);
		});
	}
}
