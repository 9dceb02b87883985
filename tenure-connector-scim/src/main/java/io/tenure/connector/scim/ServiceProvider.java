package io.tenure.connector.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SCIM service provider as a connector's parts use it: what it supports, read once from {@code
 * /ServiceProviderConfig}, and requests to it, each run through {@link ScimCalls} (retried within
 * bounds on 429 and 503, failures classified). Thread-safe.
 */
final class ServiceProvider {

  /** One request to the provider. */
  interface Request<T> {
    T sendTo(ScimService service) throws ScimException;
  }

  private final ScimSettings settings;
  private final ScimService service;
  private final ScimCalls calls;
  private volatile @Nullable ProviderFeatures features;

  ServiceProvider(ScimSettings settings, ScimService service, ScimCalls calls) {
    this.settings = settings;
    this.service = service;
    this.calls = calls;
  }

  ScimSettings settings() {
    return settings;
  }

  /**
   * What the provider supports; read once from {@code /ServiceProviderConfig}. A provider without
   * one (404) gets {@link ProviderFeatures#unknown}; any other failure is thrown, and the next call
   * reads again.
   */
  ProviderFeatures features() {
    ProviderFeatures known = features;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (features == null) {
        try {
          features =
              ProviderFeatures.from(
                  calls
                      .execute(
                          "read of /ServiceProviderConfig",
                          () ->
                              service
                                  .retrieveRequest(URI.create("ServiceProviderConfig"))
                                  .invoke(GenericScimResource.class))
                      .getObjectNode(),
                  settings);
        } catch (ConnectorException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          features = ProviderFeatures.unknown(settings);
        }
      }
      return features;
    }
  }

  /** Reads {@code /ServiceProviderConfig} again and runs an authenticated search of one User. */
  void test() {
    synchronized (this) {
      features = null;
    }
    features();
    execute(
        "search of accounts",
        service ->
            service
                .searchRequest(ScimConnector.USERS)
                .page(1, 1)
                .invoke(GenericScimResource.class));
  }

  /**
   * Runs the request.
   *
   * @param action what it does, for messages ("create of account 'alice'")
   */
  <T> T execute(String action, Request<T> request) {
    return calls.execute(action, () -> request.sendTo(service));
  }

  /** The resource of the endpoint with the id. */
  ObjectNode retrieve(String endpoint, String id, String action) {
    return execute(action, service -> service.retrieve(endpoint, id, GenericScimResource.class))
        .getObjectNode();
  }

  /** The id of a resource the provider returned; one without fails with OTHER. */
  String id(ObjectNode resource) {
    String id = ResourceJson.text(resource, "id");
    if (id == null || id.isBlank()) {
      throw new ConnectorException(
          ErrorKind.OTHER,
          "target '" + settings.targetName() + "': the provider returned a resource without id");
    }
    return id;
  }

  /**
   * Applies a change: the PATCH operations when the provider supports PATCH, else a PUT of the
   * whole modified resource (without {@code meta}).
   */
  void change(
      String endpoint,
      ObjectNode current,
      ObjectNode replacement,
      List<PatchOperation> operations,
      String action) {
    String id = id(current);
    if (features().patch()) {
      PatchRequest request = new PatchRequest(operations);
      execute(action, service -> service.modify(endpoint, id, request, GenericScimResource.class));
      return;
    }
    ObjectNode body = replacement.deepCopy();
    ResourceJson.remove(body, "meta");
    URI location;
    try {
      location = new URI(null, null, endpoint + "/" + id, null);
    } catch (URISyntaxException e) {
      throw new ConnectorException(ErrorKind.OTHER, action + ": unusable resource id", e);
    }
    execute(
        action,
        service -> service.replaceRequest(location, new GenericScimResource(body)).invoke());
  }

  /** The classified exception for a SCIM error answer. */
  ConnectorException fromScimException(String action, ScimException e) {
    return calls.fromScimException(action, e);
  }
}
