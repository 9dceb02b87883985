package io.tenure.scim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/**
 * The SCIM 2.0 HTTP endpoints under {@code /scim/v2}; requests that none of them takes are answered
 * by {@link UnknownScimRequests}.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/scim/v2")
class ScimController {

  private static final Logger LOG = LoggerFactory.getLogger(ScimController.class);

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
        SearchRequest.ofQuery(
            filter, sortBy, sortOrder, startIndex, count, attributes, excludedAttributes));
  }

  @PostMapping("/Users/.search")
  ResponseEntity<byte[]> searchUsersByPost(@RequestBody(required = false) byte @Nullable [] body)
      throws ScimException {
    return search(false, SearchRequest.ofBody(body));
  }

  private ResponseEntity<byte[]> search(boolean ofGroups, SearchRequest request)
      throws ScimException {
    ResourcePage page =
        ofGroups
            ? groups.search(
                request.filter(),
                request.sortBy(),
                request.descending(),
                request.startIndex(),
                request.count(),
                baseUrl(),
                GroupResources.showsMembers(request.attributes(), request.excluded()))
            : users.search(
                request.filter(),
                request.sortBy(),
                request.descending(),
                request.startIndex(),
                request.count(),
                baseUrl());
    return ResourceResponses.page(page, request.attributes(), request.excluded());
  }

  @GetMapping("/Users/{id}")
  ResponseEntity<byte[]> getUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
          @Nullable String ifNoneMatch,
      @RequestParam(required = false) @Nullable String attributes,
      @RequestParam(required = false) @Nullable String excludedAttributes)
      throws ScimException {
    return ResourceResponses.read(
        users.get(id, baseUrl()), ifNoneMatch, attributes, excludedAttributes);
  }

  @PostMapping("/Users")
  ResponseEntity<byte[]> createUser(
      @RequestBody(required = false) byte @Nullable [] body, Principal principal)
      throws ScimException {
    ServedResource user = users.create(ScimResponses.object(body), actor(principal), baseUrl());
    return ResourceResponses.created(user, baseUrl() + "/Users/");
  }

  @PutMapping("/Users/{id}")
  ResponseEntity<byte[]> replaceUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ServedResource user =
        users.replace(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return ResourceResponses.written(user);
  }

  @PatchMapping("/Users/{id}")
  ResponseEntity<byte[]> patchUser(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ServedResource user =
        users.patch(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return ResourceResponses.written(user);
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
        SearchRequest.ofQuery(
            filter, sortBy, sortOrder, startIndex, count, attributes, excludedAttributes));
  }

  @PostMapping("/Groups/.search")
  ResponseEntity<byte[]> searchGroupsByPost(@RequestBody(required = false) byte @Nullable [] body)
      throws ScimException {
    return search(true, SearchRequest.ofBody(body));
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
        GroupResources.showsMembers(
            ScimResponses.attributeList(attributes),
            ScimResponses.attributeList(excludedAttributes));
    return ResourceResponses.read(
        groups.get(id, baseUrl(), withMembers), ifNoneMatch, attributes, excludedAttributes);
  }

  @PostMapping("/Groups")
  ResponseEntity<byte[]> createGroup(
      @RequestBody(required = false) byte @Nullable [] body, Principal principal)
      throws ScimException {
    ServedResource group = groups.create(ScimResponses.object(body), actor(principal), baseUrl());
    return ResourceResponses.created(group, baseUrl() + "/Groups/");
  }

  @PutMapping("/Groups/{id}")
  ResponseEntity<byte[]> replaceGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ServedResource group =
        groups.replace(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return ResourceResponses.written(group);
  }

  @PatchMapping("/Groups/{id}")
  ResponseEntity<byte[]> patchGroup(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody(required = false) byte @Nullable [] body,
      Principal principal)
      throws ScimException {
    ServedResource group =
        groups.patch(id, ScimResponses.object(body), ifMatch, actor(principal), baseUrl());
    return ResourceResponses.written(group);
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

  @ExceptionHandler(ScimException.class)
  ResponseEntity<byte[]> scimError(ScimException e) {
    return ScimResponses.error(e);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<byte[]> unexpected(RuntimeException e) {
    LOG.error("SCIM request failed", e);
    return ScimResponses.error(500, null, "internal error: " + e.getClass().getSimpleName());
  }
}
