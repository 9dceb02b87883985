package io.tenure.scim.server;

import io.tenure.cli.TenureLaunch;
import io.tenure.cli.demo.DirectoryView;
import io.tenure.configuration.YamlConfigurationLoader;
import io.tenure.connector.ldap.InMemoryDirectory;
import io.tenure.engine.access.ApiTokens;
import io.tenure.engine.access.TokenScope;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.BearerRequests;
import io.tenure.server.TenureApplication;
import io.tenure.server.guard.LdapUnit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Tenure serving on a free loopback port, on the embedded store in a temporary home, with the
 * demo's configuration (roles, birthright rules; the directory's brake at 100%) plus a {@code
 * scim.mapping} of {@code costCenter} and {@code workPhone}, and, as its target, an in-process LDAP
 * directory or a fresh unit of the shared OpenLDAP.
 */
final class ScimTestServer implements AutoCloseable {

  static final String PASSWORD = "directory-secret";

  final Path folder;
  final ConfigurableApplicationContext context;
  final String baseUrl;
  final String scimToken;
  final String adminToken;
  final DirectoryView view;
  private final AutoCloseable directory;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A server whose directory is an in-process one. */
  ScimTestServer() throws IOException {
    this(InMemoryDirectory.start(PASSWORD));
  }

  private ScimTestServer(InMemoryDirectory directory) throws IOException {
    this(
        Map.of(
            "DEMO_LDAP_URL",
            directory.url(),
            "DEMO_LDAP_PASSWORD",
            PASSWORD,
            "DEMO_PEOPLE_BASE",
            InMemoryDirectory.PEOPLE,
            "DEMO_GROUPS_BASE",
            InMemoryDirectory.GROUPS),
        new DirectoryView(
            directory.url(),
            InMemoryDirectory.ADMIN,
            PASSWORD,
            InMemoryDirectory.PEOPLE,
            InMemoryDirectory.GROUPS,
            "pwdAccountLockedTime"),
        directory);
  }

  /** A server whose directory is a fresh unit of the shared OpenLDAP (removed by close). */
  ScimTestServer(LdapUnit unit) throws IOException {
    this(unit.variables(), unit.view(), unit);
  }

  private ScimTestServer(Map<String, String> variables, DirectoryView view, AutoCloseable directory)
      throws IOException {
    this.directory = directory;
    this.view = view;
    folder = Files.createTempDirectory("tenure-scim-it");
    String yaml;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/tenure.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // the SCIM ITs make leavers one by one on a small directory: without this, the brake's window
    // (BrakeIT) would hold every leaver of the day after the first (one account on a target of
    // fewer than 40); these tests are about SCIM, not about the brake
    String retention = "    retention: P30D\n";
    if (!yaml.contains(retention)) {
      throw new IllegalStateException("demo/tenure.yaml no longer sets the directory's retention");
    }
    yaml = yaml.replace(retention, retention + "    guard: { maxDisablePercent: 100 }\n");
    // identity attributes read from pushed Users beyond the fixed mapping
    yaml +=
        """

        scim:
          roles: [engineering, sales]
          mapping:
            costCenter: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"
            workPhone: 'phoneNumbers[type eq "work"].value'
        """;
    TenureConfiguration configuration =
        new YamlConfigurationLoader(variables::get, Set.of()).parse(yaml, "tenure.yaml", folder);
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC());
    context = TenureApplication.serve(launch, 0);
    baseUrl =
        "http://127.0.0.1:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/scim/v2";
    ApiTokens tokens = context.getBean(ApiTokens.class);
    scimToken = tokens.create(TokenScope.SCIM, "okta-test", "test").secret();
    adminToken = tokens.create(TokenScope.ADMIN, "admin-test", "test").secret();
  }

  /**
   * A JAX-RS client for the UnboundID SCIM client, sending the SCIM token: Jersey with the Apache
   * HttpClient 5 connector (Jersey's default connector refuses PATCH). The caller closes it.
   */
  jakarta.ws.rs.client.Client scimClient() {
    org.glassfish.jersey.client.ClientConfig config =
        new org.glassfish.jersey.client.ClientConfig();
    config.connectorProvider(new org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider());
    String token = scimToken;
    config.register(
        (jakarta.ws.rs.client.ClientRequestFilter)
            request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
    return jakarta.ws.rs.client.ClientBuilder.newClient(config);
  }

  String root() {
    return baseUrl.substring(0, baseUrl.length() - "/scim/v2".length());
  }

  HttpResponse<String> send(
      String method, String path, @Nullable String body, @Nullable String token, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        BearerRequests.request(
            URI.create(path.startsWith("http") ? path : baseUrl + path),
            method,
            body,
            "application/scim+json",
            token);
    for (int index = 0; index < headers.length; index += 2) {
      request.header(headers[index], headers[index + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> scim(String method, String path, @Nullable String body, String... headers)
      throws IOException, InterruptedException {
    return send(method, path, body, scimToken, headers);
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      try {
        directory.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot clean up the test directory", e);
      } finally {
        FileSystemUtils.deleteRecursively(folder.toFile());
      }
    }
  }
}
