package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.NotModifiedException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Address;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.InstantMessagingAddress;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.PhoneNumber;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenure's SCIM server driven by a real SCIM client: the UnboundID SCIM 2 SDK's client on Jersey
 * with the Apache HttpClient 5 connector (Jersey's default connector refuses PATCH).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimClientIT {

  @AutoClose private ScimTestServer server;
  @AutoClose private Client client;
  private ScimService scim;

  @BeforeAll
  void start() throws Exception {
    server = new ScimTestServer();
    client = server.scimClient();
    scim = new ScimService(client.target(server.baseUrl));
  }

  private static UserResource person(String userName, String given, String family, String dept) {
    UserResource user = new UserResource();
    user.setUserName(userName);
    user.setExternalId("hr-" + userName);
    user.setName(new Name().setGivenName(given).setFamilyName(family));
    user.setEmails(List.of(new Email().setValue(userName + "@example.com").setType("work")));
    user.setUserType("employee");
    user.setTitle("Engineer");
    user.setActive(true);
    EnterpriseUserExtension enterprise = new EnterpriseUserExtension();
    enterprise.setEmployeeNumber("E-" + userName);
    enterprise.setDepartment(dept);
    user.setExtension(enterprise);
    return user;
  }

  @Test
  void aPersonPushedByTheClientGetsAnAccountThroughPolicyAndIsDisabledOnDeactivation()
      throws Exception {
    String userName = "grace-" + UUID.randomUUID().toString().substring(0, 8);
    UserResource created =
        scim.create(
            "Users", person(userName, "Grace", "Hopper" + userName.substring(6), "Engineering"));
    assertThat(created.getId()).isNotBlank();
    assertThat(created.getMeta().getVersion()).startsWith("W/");
    assertThat(created.getMeta().getLocation().toString())
        .isEqualTo(server.baseUrl + "/Users/" + created.getId());
    assertThat(created.getExtension(EnterpriseUserExtension.class).getDepartment())
        .isEqualTo("Engineering");

    IdentityRepository identities = server.context.getBean(IdentityRepository.class);
    String uid =
        identities.find(new IdentityId(created.getId())).orElseThrow().usernames().get("directory");
    var account = server.view.account(uid).orElseThrow();
    assertThat(account.enabled()).isTrue();
    assertThat(account.groups()).contains("staff", "engineering");

    // conditional read: unchanged gives 304
    String version = created.getMeta().getVersion();
    assertThatThrownBy(
            () ->
                scim.retrieveRequest("Users", created.getId())
                    .ifNoneMatch(version)
                    .invoke(UserResource.class))
        .isInstanceOf(NotModifiedException.class);

    // lookups as identity providers do them
    ListResponse<UserResource> byUserName =
        scim.searchRequest("Users")
            .filter("userName eq \"" + userName.toUpperCase() + "\"")
            .invoke(UserResource.class);
    assertThat(byUserName.getTotalResults()).isEqualTo(1);
    ListResponse<UserResource> byExternalId =
        scim.searchRequest("Users")
            .filter("externalId eq \"hr-" + userName + "\"")
            .sort("userName", SortOrder.ASCENDING)
            .page(1, 10)
            .invokePost(UserResource.class);
    assertThat(byExternalId.getResources())
        .extracting(UserResource::getId)
        .containsExactly(created.getId());

    // replace: a promotion (mover); the version changes
    UserResource promoted = scim.retrieve("Users", created.getId(), UserResource.class);
    promoted.setTitle("Engineering Manager");
    UserResource replaced = scim.replace(promoted);
    assertThat(replaced.getTitle()).isEqualTo("Engineering Manager");
    assertThat(replaced.getMeta().getVersion()).isNotEqualTo(version);
    assertThat(server.view.account(uid).orElseThrow().groups()).contains("managers");

    // a stale If-Match is refused
    assertThatThrownBy(
            () ->
                scim.modifyRequest("Users", created.getId())
                    .ifMatch(version)
                    .replaceValue("title", "Stale")
                    .invoke(UserResource.class))
        .isInstanceOf(PreconditionFailedException.class);

    // deactivation is a leaver event: disabled at once, history kept
    UserResource deactivated =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("active", false)
            .invoke(UserResource.class);
    assertThat(deactivated.getActive()).isFalse();
    assertThat(identities.find(new IdentityId(created.getId())).orElseThrow().state())
        .isEqualTo(LifecycleState.TERMINATED);
    assertThat(server.view.account(uid).orElseThrow().enabled()).isFalse();

    // reactivation is a rehire
    UserResource rehired =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("active", true)
            .invoke(UserResource.class);
    assertThat(rehired.getActive()).isTrue();
    assertThat(server.view.account(uid).orElseThrow().enabled()).isTrue();

    scim.delete("Users", created.getId());
    assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(server.view.account(uid).orElseThrow().enabled()).isFalse();
    assertThat(identities.find(new IdentityId(created.getId()))).isPresent();
  }

  @Test
  void uniquenessAndBadFiltersAreScimErrors() throws Exception {
    String userName = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    scim.create("Users", person(userName, "Dup", "Licate", "Sales"));
    UserResource again = person(userName, "Other", "Person", "Sales");
    again.setExternalId("another-" + userName);
    assertThatThrownBy(() -> scim.create("Users", again))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e -> assertThat(e.getScimError().getScimType()).isEqualTo("uniqueness"));
    assertThatThrownBy(
            () -> scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
  }

  @Test
  void discoveryIsReadableByTheClient() throws Exception {
    ServiceProviderConfigResource config = scim.getServiceProviderConfig();
    assertThat(config.getPatch().isSupported()).isTrue();
    assertThat(config.getFilter().isSupported()).isTrue();
    assertThat(config.getFilter().getMaxResults()).isEqualTo(ScimUsers.MAX_RESULTS);
    assertThat(config.getBulk().getMaxOperations()).isEqualTo(ScimBulk.MAX_OPERATIONS);
    assertThat(config.getChangePassword().isSupported()).isFalse();
    assertThat(scim.getResourceTypes().getResources())
        .extracting(type -> type.getName())
        .containsExactlyInAnyOrder("User", "Group");
    assertThat(scim.getSchemas().getTotalResults()).isEqualTo(3);
  }

  @Test
  void phonesAddressesImsAndTheManagerRoundTripThroughTheClient() throws Exception {
    String userName = "rich-" + UUID.randomUUID().toString().substring(0, 8);
    UserResource user = person(userName, "Rich", "Person", "Engineering");
    user.setNickName("Richie");
    user.setTimezone("Europe/Berlin");
    user.setPassword("never-kept-" + userName);
    user.setPhoneNumbers(
        new PhoneNumber().setValue("+49 30 555").setType("work").setPrimary(true),
        new PhoneNumber().setValue("+49 30 556").setType("fax"));
    user.setAddresses(
        new Address().setType("work").setLocality("Berlin").setCountry("DE").setPrimary(true),
        new Address().setType("home").setLocality("Potsdam").setCountry("DE"));
    user.setIms(new InstantMessagingAddress().setValue(userName + "@xmpp.example").setType("xmpp"));
    EnterpriseUserExtension enterprise = user.getExtension(EnterpriseUserExtension.class);
    enterprise.setCostCenter("CC-1");
    enterprise.setManager(
        new Manager().setValue("boss-" + userName).setRef(URI.create("https://example.com/boss")));
    user.setExtension(enterprise);

    UserResource created = scim.create("Users", user);
    assertThat(created.getPassword()).isNull();
    assertThat(created.getNickName()).isEqualTo("Richie");
    assertThat(created.getTimezone()).isEqualTo("Europe/Berlin");
    assertThat(created.getPhoneNumbers()).isEqualTo(user.getPhoneNumbers());
    assertThat(created.getAddresses()).isEqualTo(user.getAddresses());
    assertThat(created.getIms()).isEqualTo(user.getIms());
    assertThat(created.getExtension(EnterpriseUserExtension.class).getManager())
        .isEqualTo(enterprise.getManager());
    assertThat(created.getExtension(EnterpriseUserExtension.class).getCostCenter())
        .isEqualTo("CC-1");
    assertThat(created.getMeta().getCreated()).isNotNull();

    UserResource patched =
        scim.modifyRequest("Users", created.getId())
            .addValues("phoneNumbers", new PhoneNumber().setValue("+49 170 1").setType("mobile"))
            .removeValues("phoneNumbers[type eq \"fax\"]")
            .replaceValue("addresses[type eq \"work\"].locality", "Hamburg")
            .invoke(UserResource.class);
    assertThat(patched.getPhoneNumbers())
        .extracting(PhoneNumber::getType)
        .containsExactly("work", "mobile");
    assertThat(patched.getAddresses())
        .extracting(Address::getLocality)
        .containsExactly("Hamburg", "Potsdam");
    assertThat(patched.getMeta().getCreated()).isEqualTo(created.getMeta().getCreated());

    ListResponse<UserResource> byPhone =
        scim.searchRequest("Users")
            .filter("phoneNumbers[type eq \"mobile\" and value eq \"+49 170 1\"]")
            .invoke(UserResource.class);
    assertThat(byPhone.getResources())
        .extracting(UserResource::getId)
        .containsExactly(created.getId());
  }

  @Test
  void theSchemasSayWhatIsKeptAndHow() throws Exception {
    Map<String, SchemaResource> schemas = new HashMap<>();
    scim.getSchemas().getResources().forEach(schema -> schemas.put(schema.getId(), schema));
    SchemaResource user = schemas.get("urn:ietf:params:scim:schemas:core:2.0:User");
    Map<String, AttributeDefinition> attributes = new HashMap<>();
    user.getAttributes().forEach(attribute -> attributes.put(attribute.getName(), attribute));
    assertThat(attributes)
        .containsKeys(
            "userName",
            "name",
            "nickName",
            "profileUrl",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "x509Certificates",
            "preferredLanguage",
            "locale",
            "timezone")
        .doesNotContainKeys("id", "meta");
    // a User's Groups are shown read-only (changed through the Groups)
    assertThat(attributes.get("groups").getMutability())
        .isEqualTo(AttributeDefinition.Mutability.READ_ONLY);
    assertThat(attributes.get("groups").isMultiValued()).isTrue();
    assertThat(attributes.get("groups").getSubAttributes())
        .extracting(AttributeDefinition::getName)
        .containsExactly("value", "$ref", "display", "type");
    assertThat(attributes.get("groups").getSubAttributes())
        .filteredOn(sub -> sub.getName().equals("$ref"))
        .flatExtracting(AttributeDefinition::getReferenceTypes)
        .containsExactly("Group");
    assertThat(attributes.get("userName").isCaseExact()).isFalse();
    assertThat(attributes.get("userName").getUniqueness())
        .isEqualTo(AttributeDefinition.Uniqueness.SERVER);
    assertThat(attributes.get("externalId").isCaseExact()).isTrue();
    assertThat(attributes.get("password").getMutability())
        .isEqualTo(AttributeDefinition.Mutability.WRITE_ONLY);
    assertThat(attributes.get("password").getReturned())
        .isEqualTo(AttributeDefinition.Returned.NEVER);
    assertThat(attributes.get("phoneNumbers").isMultiValued()).isTrue();
    assertThat(attributes.get("phoneNumbers").getSubAttributes())
        .extracting(AttributeDefinition::getName)
        .containsExactly("value", "display", "type", "primary");
    SchemaResource enterprise =
        schemas.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    AttributeDefinition manager =
        enterprise.getAttributes().stream()
            .filter(attribute -> attribute.getName().equals("manager"))
            .findFirst()
            .orElseThrow();
    assertThat(manager.getSubAttributes())
        .filteredOn(sub -> sub.getName().equals("displayName"))
        .extracting(AttributeDefinition::getMutability)
        .containsExactly(AttributeDefinition.Mutability.READ_ONLY);
  }
}
