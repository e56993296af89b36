package dev.rampart.gateway.internal;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.policy.PolicyNames;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.Unmasked;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Masks every JSON answer of the API, errors included, by the caller's tenant's policy (the defaults before
 * sign-in): each string value is masked as it is serialized, so the JSON stays valid. A handler annotated
 * {@link Unmasked} keeps the categories it names (or all); an error answer never does.
 */
@RestControllerAdvice
class ResponseMaskingAdvice implements ResponseBodyAdvice<Object> {

	private final boolean enabled;
	private final GatewayPolicies policies;
	private final CurrentTenant tenant;
	private final Masker masker;
	private final MaskingMeters meters;
	private final Map<Method, Optional<Set<MaskingCategory>>> optOuts = new ConcurrentHashMap<>();

	ResponseMaskingAdvice(GatewayProperties properties, GatewayPolicies policies, CurrentTenant tenant, Masker masker,
			MaskingMeters meters) {
		this.enabled = properties.maskResponses();
		this.policies = policies;
		this.tenant = tenant;
		this.masker = masker;
		this.meters = meters;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return enabled && AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType)
				&& !unmasked(returnType).map(Set::size).map(size -> size == MaskingCategory.values().length).orElse(false);
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body == null || body instanceof MaskedBody || !isApi(request)) {
			return body;
		}
		Optional<TenantId> current = tenant.find();
		MaskingPolicy policy = current.isPresent() ? policies.of(current.get()).masking() : MaskingPolicy.defaults();
		Optional<Set<MaskingCategory>> kept = unmasked(returnType);
		if (kept.isPresent()) {
			for (MaskingCategory category : kept.get()) {
				policy = policy.with(category, MaskAction.ALLOW);
			}
		}
		return new MaskedBody(body, masker, policy, meters);
	}

	/** API answers, and errors rendered for them by the error controller. */
	private static boolean isApi(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			String path = servlet.getServletRequest().getRequestURI();
			return path.startsWith("/api/") || path.equals("/error");
		}
		return false;
	}

	/** The categories a handler opted out of, or empty when it did not. */
	private Optional<Set<MaskingCategory>> unmasked(MethodParameter returnType) {
		Method method = returnType.getMethod();
		if (method == null) {
			return Optional.empty();
		}
		return optOuts.computeIfAbsent(method, ResponseMaskingAdvice::optOut);
	}

	static Optional<Set<MaskingCategory>> optOut(Method method) {
		Unmasked unmasked = AnnotatedElementUtils.findMergedAnnotation(method, Unmasked.class);
		if (unmasked == null) {
			unmasked = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), Unmasked.class);
		}
		if (unmasked == null) {
			return Optional.empty();
		}
		if (unmasked.categories().length == 0) {
			return Optional.of(EnumSet.allOf(MaskingCategory.class));
		}
		Set<MaskingCategory> categories = EnumSet.noneOf(MaskingCategory.class);
		for (String name : unmasked.categories()) {
			categories.add(PolicyNames.category(name).orElseThrow(() -> new IllegalStateException(
					method + " is @Unmasked for an unknown category '" + name + "'; known: " + PolicyNames.CATEGORIES)));
		}
		return Optional.of(categories);
	}
}
