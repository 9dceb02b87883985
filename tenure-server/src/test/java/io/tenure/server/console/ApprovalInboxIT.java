package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.access.AccessRole;
import io.tenure.server.BearerRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's approval inbox on the demo configuration: Alice Martin (the {@code self} user,
 * E1001) requests {@code wiki-admin}, which her manager E1100 (the {@code approver} user, a local
 * user linked to that person) must approve. The manager's dashboard counts it and links to the
 * inbox, the administrator's dashboard counts it among all pending ones, the inbox lists it with
 * who, what and why; Alice's own approval is refused with the engine's reason, a rejection without
 * a comment is refused, and the manager's approval provisions the request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalInboxIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private ConsoleServer server;

  @BeforeAll
  void start() throws Exception {
    server = new ConsoleServer("approval-inbox", null);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theManagerSeesTheRequestOnTheDashboardAndInTheInboxAndApprovesIt() throws Exception {
    HttpResponse<String> filed =
        http.send(
            BearerRequests.request(
                    URI.create(server.root + "/api/v1/requests"),
                    "POST",
                    "{\"beneficiary\":\"E1001\",\"role\":\"wiki-admin\","
                        + "\"reason\":\"edit the templates\",\"until\":\"2026-02-28\"}",
                    "application/json",
                    server.tokens.get(AccessRole.SELF))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    String id = filed.body().replaceFirst("(?s).*\"id\":\"(R-\\d+)\".*", "$1");

    ConsoleSession manager = logIn(AccessRole.APPROVER);
    String dashboard = manager.get("/").body();
    assertThat(dashboard)
        .contains("Pending approvals", "href=\"/approvals\"", "<span>1</span>", "request waits")
        .doesNotContain("pending in all");
    assertThat(logIn(AccessRole.ADMIN).get("/").body())
        .contains("<span>0</span>", "1 request is pending in all.");

    String inbox = manager.get("/approvals").body();
    assertThat(inbox)
        .contains(
            "<th scope=\"row\">" + id + "</th>",
            "Alice Martin (E1001)",
            "wiki-admin",
            "edit the templates",
            "aria-label=\"Approve request " + id + "\"",
            "<label for=\"comment-" + id + "\">");

    ConsoleSession alice = logIn(AccessRole.SELF);
    assertThat(alice.get("/approvals").body()).contains("No request waits for your decision");
    decide(alice, id, "approve", "me myself");
    assertThat(alice.get("/approvals").body())
        .contains("Could not approve request " + id + ":", "self-approval is refused");

    decide(manager, id, "reject", " ");
    assertThat(manager.get("/approvals").body())
        .contains("Request " + id + " is not rejected: say why in the comment.");

    decide(manager, id, "approve", "go ahead");
    String after = manager.get("/approvals").body();
    assertThat(after)
        .contains("Request " + id + " is now provisioned.", "No request waits for your decision");
    assertThat(manager.get("/").body()).contains("<span>0</span>", "requests wait");
    assertThat(server.ldap.view().account("amartin").orElseThrow().groups())
        .contains("wiki-admins");
  }

  private ConsoleSession logIn(AccessRole role) throws Exception {
    ConsoleSession session = new ConsoleSession(server.root);
    HttpResponse<String> login = session.logIn(server.users.get(role), server.password(role));
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return session;
  }

  private static void decide(ConsoleSession session, String id, String verb, String comment)
      throws Exception {
    String csrf = session.csrf("/approvals");
    HttpResponse<String> answer =
        session.post("/approvals/" + id + "/" + verb, Map.of("_csrf", csrf, "comment", comment));
    assertThat(answer.statusCode()).as(verb).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/approvals");
  }
}
