package dev.storefront.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the storefront's source files from the class path (a directory in development, the jar in production). */
final class StorefrontFiles {
  static final String ROOT = "storefront";

  private StorefrontFiles() {}

  /**
   * Path relative to the storefront folder (such as {@code assets/app.js}) to its bytes. Blocking.
   * Synchronized: two instances starting in one process must not close the jar under each other.
   */
  static Map<String, byte[]> read() {
    return read(StorefrontFiles.class.getClassLoader());
  }

  static synchronized Map<String, byte[]> read(ClassLoader loader) {
    URL marker = loader.getResource(ROOT + "/index.html");
    if (marker == null) throw new IllegalStateException("the storefront files are missing from the class path");
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem opened = null;
        try {
          opened = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          // Someone else opened the jar: read through theirs and leave it open.
        }
        try {
          return walk(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
        } finally {
          if (opened != null) opened.close();
        }
      }
      return walk(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the storefront files", e);
    }
  }

  private static Map<String, byte[]> walk(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths.filter(Files::isRegularFile).forEach(p -> {
        String rel = root.relativize(p).toString().replace('\\', '/');
        try {
          files.put(rel, Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return files;
  }
}
