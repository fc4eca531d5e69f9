package dev.storefront.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources are found in a directory (development) and inside the jar (production). */
class StorefrontFilesTest {
  @Test
  void readsEveryFileUnderTheFolderFromAJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String[] file : new String[][] {{"storefront/index.html", "<html>"}, {"storefront/assets/pages/listing.js", "x"},
          {"storefront/icons/icon-192.png", "png"}, {"other/readme.txt", "not ours"}}) {
        out.putNextEntry(new JarEntry(file[0]));
        out.write(file[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Map<String, byte[]> files = StorefrontFiles.read(loader);
      assertThat(files).containsOnlyKeys("index.html", "assets/pages/listing.js", "icons/icon-192.png");
      assertThat(new String(files.get("assets/pages/listing.js"), StandardCharsets.UTF_8)).isEqualTo("x");
      assertThat(StorefrontFiles.read(loader)).as("a second read, the jar closed after the first").hasSize(3);
    }
  }

  @Test
  void readsTheRealSourcesFromTheClassPath() {
    assertThat(StorefrontFiles.read()).containsKeys("index.html", "sw.js", "manifest.webmanifest", "offline.html",
        "assets/app.js", "assets/inventoryStream.js", "assets/flags.js", "icons/icon-192.png", "icons/icon-512.png");
  }
}
