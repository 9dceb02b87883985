package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.NotModifiedException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.server.guard.LdapUnit;
import jakarta.ws.rs.client.Client;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SCIM Groups as a full resource, driven by the UnboundID SCIM client and by raw HTTP, on the store
 * and a fresh unit of the real OpenLDAP: writes, PATCH forms of real clients, filters and paging in
 * SQL, ETags, bulk with bulkId references, errors; and role-backed groups end to end: membership
 * gives the role's LDAP groups at once, removal and deactivation take them away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimGroupsIT {

  @AutoClose private ScimTestServer server;
  @AutoClose private Client client;
  private ScimService scim;

  @BeforeAll
  void start() throws Exception {
    server = new ScimTestServer(new LdapUnit("scim-groups"));
    client = server.scimClient();
    scim = new ScimService(client.target(server.baseUrl));
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private UserResource person(String department) throws Exception {
    String userName = unique("pat");
    UserResource user = new UserResource();
    user.setUserName(userName);
    user.setExternalId("hr-" + userName);
    user.setName(new Name().setGivenName("Pat").setFamilyName("Member" + userName.substring(4)));
    user.setEmails(List.of(new Email().setValue(userName + "@example.com").setType("work")));
    user.setUserType("employee");
    user.setActive(true);
    EnterpriseUserExtension enterprise = new EnterpriseUserExtension();
    enterprise.setEmployeeNumber("E-" + userName);
    enterprise.setDepartment(department);
    user.setExtension(enterprise);
    return scim.create("Users", user);
  }

  private GroupResource group(String displayName, String... members) throws Exception {
    GroupResource group = new GroupResource();
    group.setDisplayName(displayName);
    group.setExternalId("ext-" + displayName);
    if (members.length > 0) {
      group.setMembers(
          java.util.Arrays.stream(members).map(id -> new Member().setValue(id)).toList());
    }
    return scim.create("Groups", group);
  }

  private static List<String> memberIds(GroupResource group) {
    return group.getMembers() == null
        ? List.of()
        : group.getMembers().stream().map(Member::getValue).toList();
  }

  private String roleGroupId(String role) throws Exception {
    ListResponse<GroupResource> found =
        scim.searchRequest("Groups")
            .filter("displayName eq \"" + role + "\"")
            .invoke(GroupResource.class);
    assertThat(found.getTotalResults()).as("the role's group is seeded").isEqualTo(1);
    return found.getResources().get(0).getId();
  }

  private String uid(UserResource user) {
    return server
        .context
        .getBean(IdentityRepository.class)
        .find(new IdentityId(user.getId()))
        .orElseThrow()
        .usernames()
        .get("directory");
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JsonUtils.getObjectReader().readTree(response.body());
  }

  @Test
  void aGroupIsCreatedPatchedFilteredAndDeletedByTheClient() throws Exception {
    UserResource alice = person("Marketing");
    UserResource bob = person("Marketing");
    String name = unique("book-club");
    GroupResource created = group(name);
    assertThat(UUID.fromString(created.getId())).isNotNull();
    assertThat(created.getMeta().getLocation().toString())
        .isEqualTo(server.baseUrl + "/Groups/" + created.getId());
    assertThat(created.getMembers()).isNullOrEmpty();

    // add a member with a PATCH, read it back with $ref and display
    GroupResource added =
        scim.modifyRequest("Groups", created.getId())
            .addOperation(
                PatchOperation.add(
                    "members",
                    JsonNodeFactory.instance
                        .arrayNode()
                        .add(JsonNodeFactory.instance.objectNode().put("value", alice.getId()))))
            .invoke(GroupResource.class);
    assertThat(memberIds(added)).containsExactly(alice.getId());
    GroupResource read = scim.retrieve("Groups", created.getId(), GroupResource.class);
    Member first = read.getMembers().get(0);
    assertThat(first.getRef().toString()).isEqualTo(server.baseUrl + "/Users/" + alice.getId());
    assertThat(first.getDisplay()).isEqualTo(alice.getUserName());
    assertThat(read.getMeta().getVersion()).isNotEqualTo(created.getMeta().getVersion());
    UserResource member = scim.retrieve("Users", alice.getId(), UserResource.class);
    assertThat(member.getGroups())
        .as("a User lists its Groups (read-only)")
        .extracting(com.unboundid.scim2.common.types.Group::getValue)
        .containsExactly(created.getId());
    // sent back with a PUT, the read-only groups are ignored, not refused, and stay as they are
    member.setGroups(List.of(new com.unboundid.scim2.common.types.Group().setValue("not-a-group")));
    assertThat(scim.replace(member).getGroups())
        .extracting(com.unboundid.scim2.common.types.Group::getValue)
        .containsExactly(created.getId());
    // Users are filtered by their groups in the database
    assertThat(
            scim.searchRequest("Users")
                .filter(
                    "groups[display eq \""
                        + name.toUpperCase(java.util.Locale.ROOT)
                        + "\"] and groups.value eq \""
                        + created.getId()
                        + "\"")
                .sort("groups.display", com.unboundid.scim2.common.messages.SortOrder.ASCENDING)
                .invoke(UserResource.class)
                .getResources())
        .extracting(UserResource::getId)
        .containsExactly(alice.getId());

    // filters evaluated in the database
    assertThat(
            scim.searchRequest("Groups")
                .filter("members[value eq \"" + alice.getId() + "\"] and displayName sw \"book\"")
                .invoke(GroupResource.class)
                .getResources())
        .extracting(GroupResource::getId)
        .containsExactly(created.getId());
    assertThat(
            scim.searchRequest("Groups")
                .filter("members.value eq \"" + bob.getId() + "\"")
                .invoke(GroupResource.class)
                .getTotalResults())
        .isZero();
    assertThat(
            scim.searchRequest("Groups")
                .filter("externalId eq \"ext-" + name + "\"")
                .invokePost(GroupResource.class)
                .getTotalResults())
        .isEqualTo(1);

    // PUT replaces the members
    read.setMembers(List.of(new Member().setValue(bob.getId())));
    GroupResource replaced = scim.replace(read);
    assertThat(memberIds(replaced)).containsExactly(bob.getId());

    // ETags: a stale If-Match is refused, an unchanged If-None-Match is 304
    String stale = read.getMeta().getVersion();
    assertThatThrownBy(
            () ->
                scim.modifyRequest("Groups", created.getId())
                    .ifMatch(stale)
                    .replaceValue("externalId", "stale")
                    .invoke(GroupResource.class))
        .isInstanceOf(PreconditionFailedException.class);
    String current = replaced.getMeta().getVersion();
    assertThatThrownBy(
            () ->
                scim.retrieveRequest("Groups", created.getId())
                    .ifNoneMatch(current)
                    .invoke(GroupResource.class))
        .isInstanceOf(NotModifiedException.class);

    // remove by a value filter path, then delete
    GroupResource emptied =
        scim.modifyRequest("Groups", created.getId())
            .removeValues("members[value eq \"" + bob.getId() + "\"]")
            .invoke(GroupResource.class);
    assertThat(memberIds(emptied)).isEmpty();
    scim.delete("Groups", created.getId());
    assertThatThrownBy(() -> scim.retrieve("Groups", created.getId(), GroupResource.class))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void pathLessPatchesSortingPagingProjectionAndAzureStyleRemoval() throws Exception {
    UserResource carol = person("Marketing");
    String prefix = unique("team");
    GroupResource first = group(prefix + "-a");
    group(prefix + "-b", carol.getId());
    group(prefix + "-c");

    // path-less replace and add with an object value
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
            + "{\"op\":\"Replace\",\"value\":{\"externalId\":\"renamed\",\"displayName\":\""
            + prefix
            + "-z\"}},"
            + "{\"op\":\"Add\",\"value\":{\"members\":[{\"value\":\""
            + carol.getId()
            + "\"}]}}]}";
    HttpResponse<String> patched = server.scim("PATCH", "/Groups/" + first.getId(), body);
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(json(patched).get("displayName").textValue()).isEqualTo(prefix + "-z");
    assertThat(json(patched).get("members").get(0).get("value").textValue())
        .isEqualTo(carol.getId());

    // Azure AD's removal: path "members" with the values to remove
    String removal =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
            + "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
            + carol.getId()
            + "\"}]}]}";
    HttpResponse<String> removed = server.scim("PATCH", "/Groups/" + first.getId(), removal);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(json(removed).has("members")).isFalse();

    ListResponse<GroupResource> page =
        scim.searchRequest("Groups")
            .filter("displayName sw \"" + prefix + "\"")
            .sort("displayName", SortOrder.DESCENDING)
            .page(1, 2)
            .invoke(GroupResource.class);
    assertThat(page.getTotalResults()).isEqualTo(3);
    assertThat(page.getResources())
        .extracting(GroupResource::getDisplayName)
        .containsExactly(prefix + "-z", prefix + "-c");

    HttpResponse<String> excluded =
        server.scim(
            "GET",
            "/Groups?filter=displayName%20eq%20%22" + prefix + "-b%22&excludedAttributes=members",
            null);
    assertThat(json(excluded).get("Resources").get(0).has("members")).isFalse();
    HttpResponse<String> only =
        server.scim(
            "GET",
            "/Groups?filter=displayName%20eq%20%22" + prefix + "-b%22&attributes=members",
            null);
    JsonNode shown = json(only).get("Resources").get(0);
    assertThat(shown.get("members").get(0).get("value").textValue()).isEqualTo(carol.getId());
    assertThat(shown.has("displayName")).isFalse();
  }

  @Test
  void aGroupNamedLikeARoleThatScimRolesDoesNotOpenAssignsNothing() throws Exception {
    UserResource dana = person("Marketing");
    String uid = uid(dana);
    ListResponse<GroupResource> seeded =
        scim.searchRequest("Groups")
            .filter("displayName eq \"finance\"")
            .invoke(GroupResource.class);
    assertThat(seeded.getTotalResults()).as("only the roles in scim.roles are seeded").isZero();

    group("finance", dana.getId());

    assertThat(server.view.account(uid).orElseThrow().groups())
        .contains("marketing")
        .doesNotContain("finance", "erp-users");
  }

  @Test
  void membershipOfARoleGroupGivesTheRoleOnTheDirectoryAndALeaverLosesIt() throws Exception {
    UserResource dana = person("Marketing");
    String uid = uid(dana);
    assertThat(server.view.account(uid).orElseThrow().groups())
        .contains("marketing")
        .doesNotContain("sales", "crm-users");
    String sales = roleGroupId("sales");

    scim.modifyRequest("Groups", sales)
        .addOperation(
            PatchOperation.add(
                "members",
                JsonNodeFactory.instance
                    .arrayNode()
                    .add(JsonNodeFactory.instance.objectNode().put("value", dana.getId()))))
        .invoke(GroupResource.class);
    assertThat(server.view.account(uid).orElseThrow().groups())
        .contains("sales", "crm-users", "marketing");
    List<AuditRecord> recent = server.context.getBean(AuditLog.class).recent(null, 200);
    assertThat(recent)
        .extracting(record -> record.event().reason())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("role sales, from SCIM group sales (assigned by scim:okta-test)"));

    scim.modifyRequest("Groups", sales)
        .removeValues("members[value eq \"" + dana.getId() + "\"]")
        .invoke(GroupResource.class);
    assertThat(server.view.account(uid).orElseThrow().groups())
        .contains("marketing")
        .doesNotContain("sales", "crm-users");

    // back in the group, then deactivated: a leaver loses every membership on the directory
    GroupResource again = scim.retrieve("Groups", sales, GroupResource.class);
    List<Member> members =
        new java.util.ArrayList<>(again.getMembers() == null ? List.of() : again.getMembers());
    members.add(new Member().setValue(dana.getId()));
    again.setMembers(members);
    scim.replace(again);
    assertThat(server.view.account(uid).orElseThrow().groups()).contains("sales");
    scim.modifyRequest("Users", dana.getId())
        .replaceValue("active", false)
        .invoke(UserResource.class);
    var account = server.view.account(uid).orElseThrow();
    assertThat(account.enabled()).isFalse();
    assertThat(account.groups()).isEmpty();
  }

  @Test
  void bulkCreatesAUserAndAGroupReferencingItByBulkId() throws Exception {
    String userName = unique("bulk");
    String groupName = unique("bulk-group");
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
            + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u1\",\"data\":{"
            + "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + userName
            + "\",\"name\":{\"givenName\":\"Bulk\",\"familyName\":\"Person\"},"
            + "\"userType\":\"employee\",\"active\":true}},"
            + "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g1\",\"data\":{"
            + "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
            + groupName
            + "\",\"members\":[{\"value\":\"bulkId:u1\"}]}}]}";
    HttpResponse<String> response = server.scim("POST", "/Bulk", body);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode operations = json(response).get("Operations");
    assertThat(operations.get(0).get("status").textValue()).as(response.body()).isEqualTo("201");
    assertThat(operations.get(1).get("status").textValue()).as(response.body()).isEqualTo("201");
    String location = operations.get(1).get("location").textValue();
    assertThat(location).startsWith(server.baseUrl + "/Groups/");
    String userId =
        operations
            .get(0)
            .get("location")
            .textValue()
            .substring((server.baseUrl + "/Users/").length());
    GroupResource group =
        scim.retrieve(
            "Groups", location.substring(location.lastIndexOf('/') + 1), GroupResource.class);
    assertThat(memberIds(group)).containsExactly(userId);
  }

  @Test
  void badInputIsAScimErrorNeverAServerError() throws Exception {
    String name = unique("errors");
    GroupResource group = group(name);
    GroupResource other = group(unique("other"));
    String id = group.getId();

    HttpResponse<String> unknown =
        server.scim(
            "POST",
            "/Groups",
            "{\"displayName\":\"" + unique("x") + "\",\"members\":[{\"value\":\"no-such-user\"}]}");
    assertError(unknown, 400, "invalidValue", "no-such-user");

    HttpResponse<String> nested =
        server.scim(
            "PATCH",
            "/Groups/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + other.getId()
                + "\"}]}]}");
    assertError(nested, 400, "invalidValue", "nested");

    HttpResponse<String> duplicate =
        server.scim("POST", "/Groups", "{\"displayName\":\"" + name.toUpperCase() + "\"}");
    assertError(duplicate, 409, "uniqueness", name.toUpperCase());

    HttpResponse<String> badPath =
        server.scim(
            "PATCH",
            "/Groups/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"members[value eq\",\"value\":\"x\"}]}");
    assertThat(badPath.statusCode()).isEqualTo(400);
    assertThat(json(badPath).get("scimType").textValue()).isIn("invalidPath", "invalidSyntax");

    String sales = roleGroupId("sales");
    assertError(server.scim("DELETE", "/Groups/" + sales, null), 400, "mutability", "tenure.yaml");
    assertError(
        server.scim(
            "PATCH",
            "/Groups/" + sales,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]}"),
        400,
        "mutability",
        "tenure.yaml");
    assertThat(scim.retrieve("Groups", sales, GroupResource.class).getDisplayName())
        .isEqualTo("sales");

    assertError(
        server.scim("GET", "/Groups?filter=members.nope%20eq%201", null),
        400,
        "invalidFilter",
        "nope");
    assertError(
        server.scim("GET", "/Groups?sortBy=members.value", null), 400, "invalidValue", "sort");
    assertThat(server.scim("GET", "/Groups/" + UUID.randomUUID(), null).statusCode())
        .isEqualTo(404);
    assertThat(server.scim("DELETE", "/Groups/" + id, null).statusCode()).isEqualTo(204);
    assertThat(server.scim("DELETE", "/Groups/" + id, null).statusCode()).isEqualTo(404);
  }

  private static void assertError(
      HttpResponse<String> response, int status, String scimType, String detail) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = json(response);
    assertThat(error.get("scimType").textValue()).isEqualTo(scimType);
    assertThat(error.get("detail").textValue()).contains(detail);
  }
}
