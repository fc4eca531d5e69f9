package dev.storefront.ops;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Plain HTTP against the API, Prometheus and Alertmanager; JSON read with Jackson 3. */
final class Http {
  record Response(int status, String body) {
    JsonNode json() {
      return Serialization.jsonMapper().readTree(body);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final String base;

  Http(String base) {
    this.base = base;
  }

  Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  Response send(String method, String path, String token, String json, String... headers) {
    HttpRequest.Builder r = request(path, token).method(method, HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) r.header(headers[i], headers[i + 1]);
    return send(r);
  }

  JsonNode json(String text) {
    return Serialization.jsonMapper().readTree(text);
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    return token == null ? r : r.header("Authorization", "Bearer " + token);
  }

  private Response send(HttpRequest.Builder r) {
    try {
      HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, "interrupted");
    }
  }
}
