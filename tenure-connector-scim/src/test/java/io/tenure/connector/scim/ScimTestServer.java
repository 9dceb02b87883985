package io.tenure.connector.scim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM 2.0 service provider for tests, on a 127.0.0.1 port: the protocol is handled by the
 * third-party captaingoldfish {@code scim-sdk-server} library over {@link InMemoryScimStore},
 * served by the JDK's HTTP server. In front of it: an optional authentication check (bearer token
 * or basic credentials), a request recorder, and a fault injector that answers the next requests
 * with a given status and {@code Retry-After}, or handles them and answers only after a delay (so
 * that a client's read time-out fires after the change was made). Requests are handled one at a
 * time. Also the SCIM peer of Tenure's fault-injection IT, hence public.
 */
public final class ScimTestServer implements AutoCloseable {

  static final String PATH = "/scim/v2";

  /** A request as received. */
  public record RecordedRequest(String method, String path, String query, String body) {}

  /**
   * A fault for one request.
   *
   * @param status the status to answer instead of handling the request, or 0 to handle it
   * @param retryAfter the {@code Retry-After} header to send with the status, or null
   * @param delay how long to wait before answering (after handling it, for status 0)
   */
  private record Fault(int status, @Nullable String retryAfter, Duration delay) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final ResourceEndpoint endpoint;
  private final InMemoryScimStore store = new InMemoryScimStore();
  private final @Nullable String expectedAuthorization;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();

  private ScimTestServer(
      boolean patch,
      boolean filter,
      int maxResults,
      @Nullable String expectedAuthorization,
      BulkConfig bulk)
      throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    ServiceProvider provider =
        ServiceProvider.builder()
            .patchConfig(PatchConfig.builder().supported(patch).build())
            .filterConfig(FilterConfig.builder().supported(filter).maxResults(maxResults).build())
            .sortConfig(SortConfig.builder().supported(false).build())
            .bulkConfig(bulk)
            .authenticationSchemes(
                List.of(
                    AuthenticationScheme.builder()
                        .name("OAuth Bearer Token")
                        .description("bearer token or basic credentials")
                        .type("oauthbearertoken")
                        .build()))
            .build();
    endpoint = new ResourceEndpoint(provider);
    ResourceType users = endpoint.registerEndpoint(new UserEndpointDefinition(store.userHandler));
    users.getFeatures().setAutoFiltering(true);
    users.getFeatures().setAutoSorting(true);
    ResourceType groups =
        endpoint.registerEndpoint(new GroupEndpointDefinition(store.groupHandler));
    groups.getFeatures().setAutoFiltering(true);
    groups.getFeatures().setAutoSorting(true);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** A provider with PATCH and filtering, without authentication. */
  public static ScimTestServer start() throws IOException {
    return new ScimTestServer(true, true, 50, null, noBulk());
  }

  /**
   * A provider with PATCH, filtering and {@code /Bulk} (at most {@code maxOperations} operations
   * and {@code maxPayloadSize} bytes per request), without authentication.
   */
  static ScimTestServer startWithBulk(int maxOperations, long maxPayloadSize) throws IOException {
    return new ScimTestServer(
        true,
        true,
        50,
        null,
        BulkConfig.builder()
            .supported(true)
            .maxOperations(maxOperations)
            .maxPayloadSize(maxPayloadSize)
            .build());
  }

  private static BulkConfig noBulk() {
    return BulkConfig.builder().supported(false).build();
  }

  /** A provider with the given features and required {@code Authorization} header (or none). */
  static ScimTestServer start(boolean patch, boolean filter, @Nullable String authorization)
      throws IOException {
    return new ScimTestServer(patch, filter, 50, authorization, noBulk());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  public InMemoryScimStore store() {
    return store;
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized void clearRequests() {
    requests.clear();
  }

  /** Answers the next {@code times} requests with {@code status} and the header (if not null). */
  public synchronized void failNext(int times, int status, @Nullable String retryAfter) {
    for (int index = 0; index < times; index++) {
      faults.addLast(new Fault(status, retryAfter, Duration.ZERO));
    }
  }

  /**
   * Handles the next {@code times} requests, but answers each only after {@code delay}: a client
   * whose read time-out is shorter sees a time-out for a change that was made.
   */
  public synchronized void slowNext(int times, Duration delay) {
    for (int index = 0; index < times; index++) {
      faults.addLast(new Fault(0, null, delay));
    }
  }

  /** Puts the faults still to come in a random order. */
  public synchronized void shuffleFaults(Random random) {
    List<Fault> pending = new ArrayList<>(faults);
    Collections.shuffle(pending, random);
    faults.clear();
    faults.addAll(pending);
  }

  /** How many injected faults have not been used yet. */
  public synchronized int faultsLeft() {
    return faults.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String query = rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
      Fault fault;
      synchronized (this) {
        requests.add(new RecordedRequest(method, exchange.getRequestURI().getPath(), query, body));
        fault = faults.pollFirst();
      }
      if (fault != null && fault.status() != 0) {
        if (fault.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
        }
        error(exchange, fault.status(), "injected fault");
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
        error(exchange, 401, "authentication required");
        return;
      }
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI();
      ScimResponse response;
      // one request at a time, as a provider's writes are atomic: the library reads, patches and
      // writes a resource in separate steps, so two PATCHes of one Group would lose a member
      synchronized (endpoint) {
        response =
            endpoint.handleRequest(
                url,
                HttpMethod.valueOf(method),
                body.isEmpty() ? null : body,
                headers,
                new Context(null));
      }
      response
          .getHttpHeaders()
          .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
      if (fault != null) {
        pause(fault.delay());
      }
      int status = response.getHttpStatus();
      byte[] bytes =
          status == 204 ? new byte[0] : response.toString().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void error(HttpExchange exchange, int status, String detail) throws IOException {
    byte[] bytes =
        ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
                + status
                + "\",\"detail\":\""
                + detail
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
