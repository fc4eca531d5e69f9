package dev.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void theEssenceIsTheLowerCasedTypeWithoutParametersAndEmptyWhenThereIsNone() {
    assertThat(MediaTypes.essence("Text/Plain ; charset=UTF-8")).isEqualTo("text/plain");
    assertThat(MediaTypes.essence(" application/json")).isEqualTo("application/json");
    assertThat(MediaTypes.essence(";")).isEmpty();
    assertThat(MediaTypes.essence(";;")).isEmpty();
    assertThat(MediaTypes.essence(" ; ")).isEmpty();
    assertThat(MediaTypes.essence("")).isEmpty();
    assertThat(MediaTypes.essence(null)).isEmpty();
  }
}
