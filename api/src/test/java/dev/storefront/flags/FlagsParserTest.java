package dev.storefront.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlagsParserTest {
  @Test
  void readsEnabledAndRolloutWithRolloutDefaultingToAll() throws Exception {
    FlagSet set = FlagsParser.parse("""
        {"flags": {"liveStockBanner": {"enabled": true}, "pointsBadge": {"enabled": true, "rollout": 25},
                   "old.thing": {"enabled": false, "rollout": 0}}}
        """);
    assertThat(set.flags()).containsEntry("liveStockBanner", new FlagSet.Flag(true, 100))
        .containsEntry("pointsBadge", new FlagSet.Flag(true, 25))
        .containsEntry("old.thing", new FlagSet.Flag(false, 0));
    assertThat(set.flags().keySet()).containsExactly("liveStockBanner", "pointsBadge", "old.thing");
    assertThat(FlagsParser.parse("{\"flags\": {}}").flags()).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"flags": {"a": {"enabled": true}}, "extra": 1}        | unknown key "extra"
      {"flags": {"a": {"enabled": true, "percent": 5}}}     | flags.a has an unknown key "percent"
      {"flags": {"a": {"enabled": "true"}}}                 | flags.a.enabled must be true or false
      {"flags": {"a": {}}}                                  | flags.a.enabled must be true or false
      {"flags": {"a": {"enabled": true, "rollout": "25"}}}  | flags.a.rollout must be an integer 0-100
      {"flags": {"a": {"enabled": true, "rollout": 25.5}}}  | flags.a.rollout must be an integer 0-100
      {"flags": {"a": {"enabled": true, "rollout": 101}}}   | flags.a.rollout must be 0-100, not 101
      {"flags": {"a": {"enabled": true, "rollout": -1}}}    | flags.a.rollout must be 0-100, not -1
      {"flags": {"a": true}}                                | flags.a must be an object
      {"flags": []}                                         | "flags" must be an object
      {}                                                    | "flags" must be an object
      []                                                    | must be a JSON object
      {"flags": {"a": {"enabled": true}, "a": {"enabled": false}}} | Duplicate field 'a'
      {"flags": {}} {"flags": {}}                           | text after the JSON document
      {"flags": {"1a": {"enabled": true}}}                  | flag name "1a"
      {"flags": {"a b": {"enabled": true}}}                 | flag name "a b"
      {"flags": {"a": {"enabled": true}                     | not valid JSON
      """)
  void refusesTheWholeDocumentSayingWhy(String json, String why) {
    assertThatThrownBy(() -> FlagsParser.parse(json)).isInstanceOf(FlagsParser.InvalidFlags.class)
        .hasMessageContaining(why);
  }

  @Test
  void emptyAndNullDocumentsAreRefused() {
    assertThatThrownBy(() -> FlagsParser.parse("")).isInstanceOf(FlagsParser.InvalidFlags.class);
    assertThatThrownBy(() -> FlagsParser.parse("null")).isInstanceOf(FlagsParser.InvalidFlags.class);
  }
}
