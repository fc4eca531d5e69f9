package dev.storefront.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hashed asset names: the digest of the bytes served, renamed through every importer. */
class AssetHasherTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256Prefix(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
  }

  private static Map<String, byte[]> sources(String api, String page) {
    Map<String, byte[]> sources = new LinkedHashMap<>();
    sources.put("api.js", utf8(api));
    sources.put("pages/listing.js", utf8(page));
    sources.put("app.js", utf8("import { render } from '/assets/pages/listing.js';\nrender();\n"));
    sources.put("styles.css", utf8("body { color: #1a1a1a; }\n"));
    return sources;
  }

  @Test
  void everyNameCarriesTheDigestOfTheBytesServedUnderIt() throws Exception {
    AssetHasher.Hashed hashed = AssetHasher.hash(sources("export const api = 1;\n",
        "import { api } from '/assets/api.js';\nexport function render() { return api; }\n"));
    assertThat(hashed.urls()).containsOnlyKeys("api.js", "pages/listing.js", "app.js", "styles.css");
    assertThat(hashed.files()).hasSize(4);
    for (var entry : hashed.files().entrySet()) {
      String url = entry.getKey();
      assertThat(url).matches("/assets/[A-Za-z0-9-]+\\.[0-9a-f]{16}\\.(js|css)");
      String hash = url.substring(url.indexOf('.') + 1, url.lastIndexOf('.'));
      assertThat(hash).as(url).isEqualTo(sha256Prefix(entry.getValue()));
    }
    assertThat(hashed.urls().get("pages/listing.js")).startsWith("/assets/pages-listing.");
  }

  @Test
  void importsAreRewrittenToHashedNamesSoAChangedModuleRenamesItsImporters() {
    String page = "import { api } from '/assets/api.js';\nexport function render() { return api; }\n";
    AssetHasher.Hashed before = AssetHasher.hash(sources("export const api = 1;\n", page));
    AssetHasher.Hashed after = AssetHasher.hash(sources("export const api = 2;\n", page));

    String listing = new String(before.files().get(before.urls().get("pages/listing.js")), StandardCharsets.UTF_8);
    assertThat(listing).contains("from '" + before.urls().get("api.js") + "'").doesNotContain("'/assets/api.js'");
    String app = new String(before.files().get(before.urls().get("app.js")), StandardCharsets.UTF_8);
    assertThat(app).contains(before.urls().get("pages/listing.js"));

    assertThat(after.urls().get("api.js")).isNotEqualTo(before.urls().get("api.js"));
    assertThat(after.urls().get("pages/listing.js")).isNotEqualTo(before.urls().get("pages/listing.js"));
    assertThat(after.urls().get("app.js")).isNotEqualTo(before.urls().get("app.js"));
    assertThat(after.urls().get("styles.css")).isEqualTo(before.urls().get("styles.css"));
  }

  @Test
  void theSameBytesAlwaysGetTheSameName() {
    assertThat(AssetHasher.hashedName("app.js", utf8("x"))).isEqualTo(AssetHasher.hashedName("app.js", utf8("x")))
        .isNotEqualTo(AssetHasher.hashedName("app.js", utf8("y")));
  }

  @Test
  void aReferenceToAMissingAssetOrAnImportCycleFailsTheBuild() {
    Map<String, byte[]> missing = Map.of("app.js", utf8("import '/assets/nope.js';"));
    assertThatThrownBy(() -> AssetHasher.hash(missing)).hasMessageContaining("/assets/nope.js");
    Map<String, byte[]> cycle = Map.of("a.js", utf8("import '/assets/b.js';"), "b.js", utf8("import '/assets/a.js';"));
    assertThatThrownBy(() -> AssetHasher.hash(cycle)).hasMessageContaining("cycle");
  }
}
