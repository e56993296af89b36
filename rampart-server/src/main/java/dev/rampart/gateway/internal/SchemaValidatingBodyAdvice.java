package dev.rampart.gateway.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.shared.schema.ValidatedAgainst;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a {@link ValidatedAgainst} request body against its JSON Schema before it is bound, so
 * a client learns every problem of a definition in one {@code DEFINITION_INVALID} answer, including
 * unknown fields, instead of the first one the binder trips over. The body was already capped by the
 * size, string, nesting and array limits; a body that is not JSON is left to the converter's error.
 */
@ControllerAdvice
class SchemaValidatingBodyAdvice extends RequestBodyAdviceAdapter {

	private final JsonSchemas schemas;
	private final JsonMapper json;

	SchemaValidatingBodyAdvice(JsonSchemas schemas, JsonMapper json) {
		this.schemas = schemas;
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return parameter.hasParameterAnnotation(ValidatedAgainst.class);
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		byte[] body = input.getBody().readAllBytes();
		if (body.length > 0) {
			JsonNode document;
			try {
				document = json.readTree(body);
			}
			catch (JacksonException unreadable) {
				throw new HttpMessageNotReadableException("The body is not valid JSON.", unreadable, input);
			}
			schemas.check(parameter.getParameterAnnotation(ValidatedAgainst.class).value(), document);
		}
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return input.getHeaders();
			}
		};
	}
}
