package dev.rampart.gateway.internal;

import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.internal.MaskingMeters.Surface;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/** A response body to serialize through a {@link MaskingGenerator}: the same JSON, with string values masked. */
@JsonSerialize(using = MaskedBody.Serializer.class)
record MaskedBody(Object body, Masker masker, MaskingPolicy policy, MaskingMeters meters) {

	static final class Serializer extends ValueSerializer<MaskedBody> {

		@Override
		public void serialize(MaskedBody value, JsonGenerator generator, SerializationContext context) throws JacksonException {
			MaskingGenerator masking = new MaskingGenerator(generator, value.masker(), value.policy());
			context.writeValue(masking, value.body());
			value.meters().count(Surface.API_RESPONSE, masking.counts());
		}
	}
}
