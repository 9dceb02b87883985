package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.access.AccessRole;
import io.tenure.server.BearerRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /api/v1/requests}, {@code /api/v1/approvals} and {@code /api/v1/clone} acting as the
 * authenticated principal, on the demo configuration ({@code wiki-admin} is requestable, owned by
 * the manager E1100, whom the {@code approver} user is): a person requests for herself, not for a
 * colleague; she may not approve her own request; the owner's inbox holds it and his approval
 * provisions it in OpenLDAP; cloning compares the caller with a peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestsApiIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private ConsoleServer server;

  @BeforeAll
  void start() throws Exception {
    server = new ConsoleServer("requests-api", null);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPersonRequestsTheOwnerApprovesAndTheGroupAppears() throws Exception {
    HttpResponse<String> notRequestable =
        call(
            AccessRole.SELF,
            "POST",
            "/api/v1/requests",
            "{\"beneficiary\":\"E1001\",\"role\":\"staff\",\"reason\":\"x\"}");
    assertThat(notRequestable.statusCode()).isEqualTo(400);
    assertThat(notRequestable.body()).contains("role 'staff' is not requestable");
    HttpResponse<String> colleague =
        call(
            AccessRole.SELF,
            "POST",
            "/api/v1/requests",
            "{\"beneficiary\":\"E1002\",\"role\":\"wiki-admin\",\"reason\":\"x\"}");
    assertThat(colleague.statusCode()).isEqualTo(409);
    assertThat(colleague.body())
        .contains("only for themselves and the people in their reporting line");

    HttpResponse<String> filed =
        call(
            AccessRole.SELF,
            "POST",
            "/api/v1/requests",
            "{\"beneficiary\":\"E1001\",\"role\":\"wiki-admin\",\"reason\":\"edit the templates\","
                + "\"until\":\"2026-02-28\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    assertThat(filed.body())
        .contains(
            "\"state\":\"pending\"", "\"approvers\":[\"E1100\"]", "\"requester\":\"person:E1001\"");
    String id = filed.body().replaceFirst("(?s).*\"id\":\"(R-\\d+)\".*", "$1");

    HttpResponse<String> own =
        call(AccessRole.SELF, "POST", "/api/v1/approvals/" + id + "/approve", "{}");
    assertThat(own.statusCode()).isEqualTo(409);
    assertThat(own.body()).contains("self-approval is refused");
    HttpResponse<String> inbox = call(AccessRole.APPROVER, "GET", "/api/v1/approvals", null);
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body()).contains("\"id\":\"" + id + "\"");

    HttpResponse<String> approved =
        call(
            AccessRole.APPROVER,
            "POST",
            "/api/v1/approvals/" + id + "/approve",
            "{\"comment\":\"go ahead\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(approved.body()).contains("\"state\":\"provisioned\"", "\"actor\":\"person:E1100\"");
    assertThat(server.ldap.view().account("amartin").orElseThrow().groups())
        .contains("wiki-admins");
    assertThat(call(AccessRole.SELF, "GET", "/api/v1/requests/" + id, null).body())
        .contains("\"action\":\"provisioned\"");
    assertThat(
            call(AccessRole.AUDITOR, "GET", "/api/v1/audit?action=request.approved", null).body())
        .contains("person:E1100");

    HttpResponse<String> compared =
        call(AccessRole.SELF, "GET", "/api/v1/clone?from=E1002&to=E1001", null);
    assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
    assertThat(compared.body()).contains("\"model\":\"E1002\"", "\"verdict\":\"left-out\"");
    assertThat(call(AccessRole.SELF, "GET", "/api/v1/clone?from=E1001&to=E1002", null).statusCode())
        .as("not her reporting line")
        .isEqualTo(409);
  }

  private HttpResponse<String> call(
      AccessRole role, String method, String path, @Nullable String body) throws Exception {
    return http.send(
        BearerRequests.request(
                URI.create(server.root + path),
                method,
                body,
                "application/json",
                server.tokens.get(role))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
