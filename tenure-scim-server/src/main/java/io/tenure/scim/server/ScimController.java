package io.tenure.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The SCIM 2.0 HTTP endpoints under {@code /scim/v2}. */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/scim/v2")
class ScimController {

  private static final Logger LOG = LoggerFactory.getLogger(ScimController.class);
  private static final int DEFAULT_COUNT = 100;

  private final ScimUsers users;
  private final ScimGroups groups;
  private final ScimDiscovery discovery;
  private final ScimBulk bulk;

  ScimController(ScimUsers users, ScimGroups groups, ScimDiscovery discovery, ScimBulk bulk) {
    this.users = users;
    this.groups = groups;
    this.discovery = discovery;
    this.bulk = bulk;
  }

  static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/scim/v2").toUriString();
  }

  static String actor(@Nullable Principal principal) {
    return "scim:" + (principal == null ? "anonymous" : principal.getName());
  }

  @GetMapping("/Users")
  ResponseEntity<byte[]> searchUsers(
      @RequestParam(required = false) @Nullable String filter,
      @RequestParam(required = false) @Nullable String sortBy,
      @RequestParam(required = false) @Nullable String sortOrder,
      @RequestParam(required = false) @Nullable String startIndex,
      @RequestParam(required = false) @Nullable String count,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes)
      throws ScimException {
    return search(
        false,
        filter,
        sortBy,
        sortOrder,
        integer(startIndex, 1, "startIndex"),
        integer(count, DEFAULT_COUNT, "count"),
        ScimResponses.attributeList(attributes),
        ScimResponses.attributeList(excludedAttributes));
  }

  @PostMapping("/Users/.search")
  ResponseEntity<byte[]> searchUsersByPost(@RequestBody(required = false) byte @Nullable [] body)
      throws ScimException {
    return searchByPost(false, body);
  }

  private ResponseEntity<byte[]> searchByPost(boolean ofGroups, byte @Nullable [] body)
      throws ScimException {
    ObjectNode request = ScimResponses.object(body);
    return search(
        ofGroups,
        text(request, "filter"),
        text(request, "sortBy"),
        text(request, "sortOrder"),
        number(request, "startIndex", 1),
        number(request, "count", DEFAULT_COUNT),
        list(request, "attributes"),
        list(request, "excludedAttributes"));
  }

  private ResponseEntity<byte[]> search(
      boolean ofGroups,
      @Nullable String filter,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      int startIndex,
      int count,
      List<String> attributes,
      List<String> excluded)
      throws ScimException {
    boolean descending = false;
    if (sortOrder != null && !sortOrder.isBlank()) {
      switch (sortOrder.toLowerCase(Locale.ROOT)) {
        case "ascending" -> descending = false;
        case "descending" -> descending = true;
        default ->
            throw BadRequestException.invalidValue(
                "sortOrder must be ascending or descending, not '" + sortOrder + "'");
      }
    }
    ScimUsers.Page page =
        ofGroups
            ? groups.search(
                filter,
                sortBy,
                descending,
                startIndex,
                count,
                baseUrl(),
                ScimGroups.showsMembers(attributes, excluded))
            : users.search(filter, sortBy, descending, startIndex, count, baseUrl());
    return ScimResponses.json(
        HttpStatus.OK,
        ScimResponses.list(
            page.totalResults(),
            page.startIndex(),
            page.resources().stream()
                .map(user -> ScimResponses.project(user.resource(), attributes, excluded))
                .toList()));
  }

  @GetMapping("/Users/{id}")
  ResponseEntity<byte[]> getUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
          @Nullable String ifNoneMatch,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes)
      throws ScimException {
    return read(users.get(id, baseUrl()), "/Users/", ifNoneMatch, attributes, excludedAttributes);
  }

  /** A read of one resource: 304 when If-None-Match names its version, else it (projected). */
  private static ResponseEntity<byte[]> read(
      ScimUsers.Served resource,
      String endpoint,
      @Nullable String ifNoneMatch,
      @Nullable String attributes,
      @Nullable String excludedAttributes) {
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        if (tag.strip().equals("*") || ScimUsers.sameTag(tag, resource.version())) {
          return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(resource.version()).build();
        }
      }
    }
    return served(
        HttpStatus.OK,
        endpoint,
        resource,
        ScimResponses.project(
            resource.resource(),
            ScimResponses.attributeList(attributes),
            ScimResponses.attributeList(excludedAttributes)));
  }

  @PostMapping("/Users")
  ResponseEntity<byte[]> createUser(
      @RequestBody(required = false) byte @Nullable [] body, Principal principal)
      throws ScimException {
    ScimUsers.Served user = users.create(ScimResponses.object(body), actor(principal), baseUrl());
    return served(HttpStatus.CREATED, "/Users/", user, user.resource());
  }

  @PutMapping("/Users/{id}")
  ResponseEntity<byte[]> replaceUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ScimUsers.Served user =
        users.replace(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return served(HttpStatus.OK, "/Users/", user, user.resource());
  }

  @PatchMapping("/Users/{id}")
  ResponseEntity<byte[]> patchUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ScimUsers.Served user =
        users.patch(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return served(HttpStatus.OK, "/Users/", user, user.resource());
  }

  @DeleteMapping("/Users/{id}")
  ResponseEntity<byte[]> deleteUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      Principal principal)
      throws ScimException {
    users.delete(id, ifMatch, actor(principal), baseUrl());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/Groups")
  ResponseEntity<byte[]> searchGroups(
      @RequestParam(required = false) @Nullable String filter,
      @RequestParam(required = false) @Nullable String sortBy,
      @RequestParam(required = false) @Nullable String sortOrder,
      @RequestParam(required = false) @Nullable String startIndex,
      @RequestParam(required = false) @Nullable String count,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes)
      throws ScimException {
    return search(
        true,
        filter,
        sortBy,
        sortOrder,
        integer(startIndex, 1, "startIndex"),
        integer(count, DEFAULT_COUNT, "count"),
        ScimResponses.attributeList(attributes),
        ScimResponses.attributeList(excludedAttributes));
  }

  @PostMapping("/Groups/.search")
  ResponseEntity<byte[]> searchGroupsByPost(@RequestBody(required = false) byte @Nullable [] body)
      throws ScimException {
    return searchByPost(true, body);
  }

  @GetMapping("/Groups/{id}")
  ResponseEntity<byte[]> getGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
          @Nullable String ifNoneMatch,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes)
      throws ScimException {
    boolean withMembers =
        ScimGroups.showsMembers(
            ScimResponses.attributeList(attributes),
            ScimResponses.attributeList(excludedAttributes));
    return read(
        groups.get(id, baseUrl(), withMembers),
        "/Groups/",
        ifNoneMatch,
        attributes,
        excludedAttributes);
  }

  @PostMapping("/Groups")
  ResponseEntity<byte[]> createGroup(
      @RequestBody(required = false) byte @Nullable [] body, Principal principal)
      throws ScimException {
    ScimUsers.Served group = groups.create(ScimResponses.object(body), actor(principal), baseUrl());
    return served(HttpStatus.CREATED, "/Groups/", group, group.resource());
  }

  @PutMapping("/Groups/{id}")
  ResponseEntity<byte[]> replaceGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ScimUsers.Served group =
        groups.replace(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return served(HttpStatus.OK, "/Groups/", group, group.resource());
  }

  @PatchMapping("/Groups/{id}")
  ResponseEntity<byte[]> patchGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ScimUsers.Served group =
        groups.patch(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return served(HttpStatus.OK, "/Groups/", group, group.resource());
  }

  @DeleteMapping("/Groups/{id}")
  ResponseEntity<byte[]> deleteGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      Principal principal)
      throws ScimException {
    groups.delete(id, ifMatch, actor(principal));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/ServiceProviderConfig")
  ResponseEntity<byte[]> serviceProviderConfig() {
    return ScimResponses.json(HttpStatus.OK, discovery.serviceProviderConfig(baseUrl()));
  }

  @GetMapping("/ResourceTypes")
  ResponseEntity<byte[]> resourceTypes() {
    List<ObjectNode> types = discovery.resourceTypes(baseUrl());
    return ScimResponses.json(HttpStatus.OK, ScimResponses.list(types.size(), 1, types));
  }

  @GetMapping("/ResourceTypes/{name}")
  ResponseEntity<byte[]> resourceType(@PathVariable String name) throws ScimException {
    return ScimResponses.json(HttpStatus.OK, discovery.resourceType(name, baseUrl()));
  }

  @GetMapping("/Schemas")
  ResponseEntity<byte[]> schemas() {
    List<ObjectNode> schemas = discovery.schemas(baseUrl());
    return ScimResponses.json(HttpStatus.OK, ScimResponses.list(schemas.size(), 1, schemas));
  }

  @GetMapping("/Schemas/{id}")
  ResponseEntity<byte[]> schema(@PathVariable String id) throws ScimException {
    return ScimResponses.json(HttpStatus.OK, discovery.schema(id, baseUrl()));
  }

  @PostMapping("/Bulk")
  ResponseEntity<byte[]> bulk(
      @RequestBody(required = false) byte @Nullable [] body, Principal principal)
      throws ScimException {
    if (body != null && body.length > ScimBulk.MAX_PAYLOAD_SIZE) {
      throw new ScimException(
          413, null, "the bulk request is larger than " + ScimBulk.MAX_PAYLOAD_SIZE + " bytes");
    }
    return ScimResponses.json(
        HttpStatus.OK, bulk.process(ScimResponses.object(body), actor(principal), baseUrl()));
  }

  private static ResponseEntity<byte[]> served(
      HttpStatus status, String endpoint, ScimUsers.Served resource, JsonNode body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setETag(resource.version());
    if (status == HttpStatus.CREATED) {
      headers.setLocation(URI.create(baseUrl() + endpoint + resource.id()));
    }
    return ScimResponses.json(status, body, headers);
  }

  private static int integer(@Nullable String value, int fallback, String name)
      throws BadRequestException {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw BadRequestException.invalidValue(name + " must be an integer, not '" + value + "'");
    }
  }

  private static @Nullable String text(ObjectNode request, String name) throws BadRequestException {
    JsonNode value = UserMapping.field(request, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw BadRequestException.invalidValue(name + " must be a string");
    }
    return value.textValue();
  }

  private static int number(ObjectNode request, String name, int fallback)
      throws BadRequestException {
    JsonNode value = UserMapping.field(request, name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      return integer(value.textValue(), fallback, name);
    }
    throw BadRequestException.invalidValue(name + " must be an integer");
  }

  private static List<String> list(ObjectNode request, String name) throws BadRequestException {
    JsonNode value = UserMapping.field(request, name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isTextual()) {
      return ScimResponses.attributeList(value.textValue());
    }
    if (value.isArray()) {
      java.util.List<String> names = new java.util.ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw BadRequestException.invalidValue(name + " must list strings");
        }
        names.add(item.textValue());
      }
      return names;
    }
    throw BadRequestException.invalidValue(name + " must be a list of attribute names");
  }

  @ExceptionHandler(ScimException.class)
  ResponseEntity<byte[]> scimError(ScimException e) {
    return ScimResponses.error(e);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<byte[]> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return ScimResponses.error(405, null, String.valueOf(e.getMessage()));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<byte[]> unexpected(RuntimeException e) {
    LOG.error("SCIM request failed", e);
    return ScimResponses.error(500, null, "internal error: " + e.getClass().getSimpleName());
  }
}
