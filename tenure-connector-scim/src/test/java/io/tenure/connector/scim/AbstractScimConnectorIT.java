package io.tenure.connector.scim;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.testkit.ConnectorContractTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector contract against any SCIM 2.0 service provider: a subclass gives the base URL and
 * the authentication settings. Used with the in-memory third-party provider ({@link
 * ScimConnectorIT}) and meant for other providers (Tenure's own SCIM server) as well.
 */
public abstract class AbstractScimConnectorIT extends ConnectorContractTest {

  public static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** The provider's base URL, for example {@code http://127.0.0.1:8080/scim/v2}. */
  protected abstract String baseUrl();

  /** Authentication settings ({@code auth.*}); none by default. */
  protected Map<String, String> authenticationSettings() {
    return Map.of();
  }

  /** Every setting of the connector under test. */
  protected Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("url", baseUrl());
    settings.put("pageSize", "25");
    settings.put("groups.create", "true");
    settings.putAll(authenticationSettings());
    return settings;
  }

  @Override
  protected Connector newConnector() {
    return new ScimConnectorFactory()
        .create(
            new ConnectorConfiguration(
                "scim-contract", settings(), Set.of("auth.token", "auth.password")));
  }

  @Override
  protected Map<String, String> sampleAttributes(String name) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("displayName", name);
    attributes.put("name.givenName", "Contract");
    attributes.put("name.familyName", "Tester");
    attributes.put("emails.work", "contract@example.com");
    attributes.put("title", "Engineer");
    attributes.put(ENTERPRISE + ":department", "Engineering");
    attributes.put("phoneNumbers.work", "created by the contract test");
    return attributes;
  }

  @Override
  protected String replaceableAttribute() {
    return "title";
  }

  @Override
  protected String clearableAttribute() {
    return "phoneNumbers.work";
  }

  /** Deletes the groups named with the namespace, over plain HTTP. */
  @Override
  protected void cleanUp(String namespace) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Optional<String> authorization = authorizationHeader();
    try {
      for (int round = 0; round < 20; round++) {
        String filter = "displayName sw \"" + namespace + "\"";
        HttpRequest.Builder search =
            HttpRequest.newBuilder(
                URI.create(
                    baseUrl()
                        + "/Groups?count=50&filter="
                        + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")));
        authorization.ifPresent(value -> search.header("Authorization", value));
        String body = http.send(search.build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        boolean any = false;
        while (ids.find()) {
          any = true;
          HttpRequest.Builder delete =
              HttpRequest.newBuilder(URI.create(baseUrl() + "/Groups/" + ids.group(1))).DELETE();
          authorization.ifPresent(value -> delete.header("Authorization", value));
          http.send(delete.build(), HttpResponse.BodyHandlers.discarding());
        }
        if (!any) {
          return;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("clean-up of groups failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Optional<String> authorizationHeader() {
    Map<String, String> auth = authenticationSettings();
    if (auth.containsKey("auth.token")) {
      return Optional.of(AuthorizationHeaders.bearer(auth.get("auth.token")));
    }
    if (auth.containsKey("auth.username")) {
      return Optional.of(
          AuthorizationHeaders.basic(auth.get("auth.username"), auth.get("auth.password")));
    }
    return Optional.empty();
  }
}
