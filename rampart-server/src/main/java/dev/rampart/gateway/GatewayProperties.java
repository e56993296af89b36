package dev.rampart.gateway;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to every request before it reaches a controller.
 *
 * @param maxBodySize largest request body accepted (413 problem above it)
 * @param maxStringLength longest JSON string value (or field name) accepted, in characters (400 STRING_TOO_LONG)
 * @param maxArrayLength most elements one JSON array may hold (400 ARRAY_TOO_LONG)
 * @param maxNestingDepth deepest nesting of JSON objects and arrays accepted (400 NESTING_TOO_DEEP)
 * @param cors cross-origin access to the API; none by default
 * @param websocket origins a future WebSocket handshake accepts
 * @param maskResponses whether JSON answers of the API are masked by the tenant's policy (docs/masking.md)
 * @param policyCacheTtl how long a node keeps a tenant's gateway policy; the longest a change made on another
 *        node goes unseen
 */
@ConfigurationProperties("rampart.gateway")
@Validated
public record GatewayProperties(@DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("100000") @Min(1) int maxStringLength, @DefaultValue("10000") @Min(1) int maxArrayLength,
		@DefaultValue("32") @Min(1) int maxNestingDepth, @DefaultValue @Valid @NotNull Cors cors,
		@DefaultValue @Valid @NotNull Websocket websocket, @DefaultValue("true") boolean maskResponses,
		@DefaultValue("30s") @NotNull Duration policyCacheTtl) {

	/**
	 * @param allowedOrigins exact origins (scheme://host[:port]) that may call the API from a browser; empty = none
	 * @param allowCredentials whether browsers may send cookies or HTTP auth cross-origin (bearer tokens do not need it)
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials) {
	}

	/** @param allowedOrigins exact origins whose pages may open the WebSocket; empty = same origin only */
	public record Websocket(@DefaultValue List<String> allowedOrigins) {
	}
}
