package dev.rampart.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

  @Test
  void readsATopLevelStringMemberOfATokenResponse() {
    String tokens = "{\"accessToken\":\"eyJ.a.b\",\"refreshToken\":\"rt_AbC-_9\",\"tokenType\":\"Bearer\",\"expiresIn\":600}";

    assertThat(JsonStrings.member(tokens, "refreshToken")).contains("rt_AbC-_9");
    assertThat(JsonStrings.member(tokens, "accessToken")).contains("eyJ.a.b");
  }

  @Test
  void decodesEscapesAndToleratesWhitespace() {
    String json = " {\n \"a\" : \"q\\\"uote \\\\ sl\\/ash \\u00e9\\n\" } ";

    assertThat(JsonStrings.member(json, "a")).contains("q\"uote \\ sl/ash é\n");
  }

  @Test
  void aMemberOfTheSameNameInsideANestedValueIsNotTaken() {
    String json = "{\"inner\":{\"refreshToken\":\"nested\",\"list\":[\"}\",{\"x\":1}]},\"n\":-1.5e3,\"t\":true,"
        + "\"refreshToken\":\"top\"}";

    assertThat(JsonStrings.member(json, "refreshToken")).contains("top");
    assertThat(JsonStrings.member("{\"inner\":{\"refreshToken\":\"nested\"}}", "refreshToken")).isEmpty();
  }

  @Test
  void aMissingOrNonStringMemberOrBrokenTextGivesNothing() {
    assertThat(JsonStrings.member("{}", "refreshToken")).isEmpty();
    assertThat(JsonStrings.member("{\"refreshToken\":null}", "refreshToken")).isEmpty();
    assertThat(JsonStrings.member("{\"refreshToken\":\"cut", "refreshToken")).isEmpty();
    assertThat(JsonStrings.member("[\"refreshToken\"]", "refreshToken")).isEmpty();
    assertThat(JsonStrings.member("", "refreshToken")).isEmpty();
  }
}
