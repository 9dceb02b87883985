package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP responses that carry Users and Groups: the resource's version as the {@code ETag}, the
 * {@code Location} of a created one, 304 for a read whose {@code If-None-Match} names the version,
 * and only the attributes asked for.
 */
final class ResourceResponses {

  private ResourceResponses() {}

  /** A read of one resource: 304 when If-None-Match names its version, else it (projected). */
  static ResponseEntity<byte[]> read(
      ServedResource resource,
      @Nullable String ifNoneMatch,
      @Nullable String attributes,
      @Nullable String excludedAttributes) {
    if (ifNoneMatch != null && EntityTags.namesVersion(ifNoneMatch, resource.version())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(resource.version()).build();
    }
    return json(
        HttpStatus.OK,
        resource,
        ScimResponses.project(
            resource.resource(),
            ScimResponses.attributeList(attributes),
            ScimResponses.attributeList(excludedAttributes)),
        null);
  }

  /** A resource created (201), its {@code Location} the endpoint's URL followed by its id. */
  static ResponseEntity<byte[]> created(ServedResource resource, String endpoint) {
    return json(
        HttpStatus.CREATED, resource, resource.resource(), URI.create(endpoint + resource.id()));
  }

  /** A resource written (200). */
  static ResponseEntity<byte[]> written(ServedResource resource) {
    return json(HttpStatus.OK, resource, resource.resource(), null);
  }

  /** A page of search results as a ListResponse, each resource projected. */
  static ResponseEntity<byte[]> page(
      ResourcePage page, List<String> attributes, List<String> excluded) {
    return ScimResponses.json(
        HttpStatus.OK,
        ScimResponses.list(
            page.totalResults(),
            page.startIndex(),
            page.resources().stream()
                .map(resource -> ScimResponses.project(resource.resource(), attributes, excluded))
                .toList()));
  }

  private static ResponseEntity<byte[]> json(
      HttpStatus status, ServedResource resource, JsonNode body, @Nullable URI location) {
    HttpHeaders headers = new HttpHeaders();
    headers.setETag(resource.version());
    if (location != null) {
      headers.setLocation(location);
    }
    return ScimResponses.json(status, body, headers);
  }
}
