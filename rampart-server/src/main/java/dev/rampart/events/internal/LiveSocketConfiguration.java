package dev.rampart.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.events.EventsProperties;
import dev.rampart.events.LiveTopic;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.OriginPolicy;
import dev.rampart.identity.AccessChanged;
import dev.rampart.identity.BearerPrincipals;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers {@code /ws}. The handshake checks {@code Origin} with the gateway's {@link OriginPolicy} (Rampart's own origin,
 * {@code rampart.gateway.websocket.allowed-origins} and {@code rampart.events.allowed-origins}; no {@code Origin}, a
 * non-browser client, passes) and answers 403 otherwise; it does not authenticate: the token comes in the first message,
 * never in the URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveSocketConfiguration implements WebSocketConfigurer {

	private final LiveSocketHandler handler;
	private final OriginPolicy origins;
	private final EventsProperties.Websocket settings;

	LiveSocketConfiguration(RunFeeds feeds, BearerPrincipals principals, ObjectProvider<LiveTopic> topics, JsonMapper json,
			EventsProperties properties, GatewayProperties gateway) {
		this.handler = new LiveSocketHandler(feeds, principals, topics.orderedStream().toList(), json, properties);
		List<String> allowed = new ArrayList<>(gateway.websocket().allowedOrigins());
		allowed.addAll(properties.allowedOrigins());
		this.origins = new OriginPolicy(allowed);
		this.settings = properties.websocket();
	}

	/**
	 * The container's per-socket message buffers: Tomcat keeps a text and a binary buffer of 8 KiB each for every open
	 * socket by default, most of an idle socket's memory; clients send only small control messages (docs/BENCHMARKS.md
	 * "Live events").
	 */
	@Bean
	ServletServerContainerFactoryBean liveSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(settings.maxMessageChars());
		container.setMaxBinaryMessageBufferSize(1024);
		return container;
	}

	/** An identity change committed on this node: its tenant's sockets here are re-checked now, not in up to 30 s. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(AccessChanged change) {
		handler.recheck(change.tenant());
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(handler, "/ws").setAllowedOriginPatterns("*").addInterceptors(new OriginCheck(origins));
	}

	/** Refuses handshakes from pages of other origins. */
	private record OriginCheck(OriginPolicy origins) implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) {
			String origin = request.getHeaders().getOrigin();
			if (origins.allows(origin, self(request))) {
				return true;
			}
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				@Nullable Exception exception) {
		}

		private static String self(ServerHttpRequest request) {
			if (request instanceof ServletServerHttpRequest servlet) {
				HttpServletRequest http = servlet.getServletRequest();
				return http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
			}
			return request.getURI().getScheme() + "://" + request.getURI().getAuthority();
		}
	}
}
