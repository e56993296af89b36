package dev.rampart.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to every request before it reaches a controller.
 *
 * @param maxBodySize largest request body accepted (413 problem above it)
 */
@ConfigurationProperties("rampart.gateway")
@Validated
public record GatewayProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
