package dev.storefront.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The site built from its sources: shell references, the worker's precache list and version. */
class StorefrontSiteTest {
  private static Map<String, byte[]> sources(String app) {
    Map<String, byte[]> s = new HashMap<>();
    s.put("index.html", bytes("<link rel=\"stylesheet\" href=\"/assets/styles.css\">\n" + StorefrontSite.PRELOADS
        + "\n<script type=\"module\" src=\"/assets/app.js\"></script>"));
    s.put("offline.html", bytes("<link rel=\"stylesheet\" href=\"/assets/styles.css\">"));
    s.put("manifest.webmanifest", bytes("{\"name\": \"Storefront\"}"));
    s.put("sw.js", bytes("const VERSION = " + StorefrontSite.VERSION + ";\nconst PRECACHE = " + StorefrontSite.PRECACHE + ";"));
    s.put("assets/app.js", bytes(app));
    s.put("assets/styles.css", bytes("body { margin: 0 }"));
    s.put("assets/vendor/reporter.js", bytes("self.Reporter = {};"));
    s.put("icons/icon-192.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return s;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(StaticFile file) {
    return file.plain().toString(StandardCharsets.UTF_8);
  }

  @Test
  void theShellNamesOnlyHashedAssetsAndTheWorkerPrecachesThem() {
    StorefrontSite site = StorefrontSite.build(sources("console.log(1);"));
    String shell = text(site.shell());
    assertThat(shell).doesNotContain("/assets/app.js").doesNotContain("/assets/styles.css")
        .doesNotContain(StorefrontSite.PRELOADS).containsPattern("<link rel=\"modulepreload\" href=\"/assets/app\\.[0-9a-f]{16}\\.js\">")
        .containsPattern("src=\"/assets/app\\.[0-9a-f]{16}\\.js\"");
    String worker = text(site.file("/sw.js"));
    assertThat(worker).doesNotContain("__VERSION__").doesNotContain("__PRECACHE__")
        .contains("const VERSION = \"" + site.version() + "\"")
        .contains("\"/\"", "\"/offline.html\"", "\"/manifest.webmanifest\"", "\"/icons/icon-192.png\"")
        .containsPattern("\"/assets/app\\.[0-9a-f]{16}\\.js\"").containsPattern("\"/assets/styles\\.[0-9a-f]{16}\\.css\"")
        .doesNotContain("vendor-reporter"); // loaded only when error reporting is configured
    assertThat(text(site.file("/offline.html"))).containsPattern("/assets/styles\\.[0-9a-f]{16}\\.css");
  }

  @Test
  void changingAnAssetChangesItsNameAndTheWorkerVersion() {
    StorefrontSite one = StorefrontSite.build(sources("console.log(1);"));
    StorefrontSite two = StorefrontSite.build(sources("console.log(2);"));
    assertThat(two.version()).isNotEqualTo(one.version());
    assertThat(text(two.shell())).isNotEqualTo(text(one.shell()));
    assertThat(text(two.file("/sw.js"))).isNotEqualTo(text(one.file("/sw.js")));
    assertThat(StorefrontSite.build(sources("console.log(1);")).version()).isEqualTo(one.version());
  }

  @Test
  void aPageNamingAMissingAssetStopsTheStart() {
    Map<String, byte[]> broken = sources("console.log(1);");
    broken.put("offline.html", bytes("<script src=\"/assets/gone.js\"></script>"));
    assertThatThrownBy(() -> StorefrontSite.build(broken)).hasMessageContaining("offline.html").hasMessageContaining("gone.js");
  }

  @Test
  void theRealSourcesBuild() {
    StorefrontSite site = StorefrontSite.build(StorefrontFiles.read());
    assertThat(site.file("/icons/icon-512.png")).isNotNull();
    assertThat(site.file("/manifest.webmanifest")).isNotNull();
  }
}
