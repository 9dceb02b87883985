package io.tenure.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;
import io.tenure.cli.Terminal;
import io.tenure.cli.demo.DirectoryView.AccountView;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import io.tenure.server.guard.LdapUnit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Requests end to end through the CLI, against the real OpenLDAP and the embedded PostgreSQL. Every
 * command is a new start of the application on the same home, so each step also shows that a
 * restart loses nothing; the clock is moved between steps, never slept on.
 *
 * <p>A manager models a new hire after a peer; the owner approves; the membership appears in the
 * directory with the request as its reason. Time-bound access ends on its date and is removed. A
 * transfer sends requested access to the new manager's review and revokes it unconfirmed. An SoD
 * conflict is refused, another granted as an exception with an end date. An unanswered request
 * escalates, then expires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestsStoryIT {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final String HEADER =
      "employee_id,first_name,last_name,email,department,title,manager_id,employment_type,status,"
          + "hire_date,termination_date\n";
  private static final String PEOPLE =
      HEADER
          + "E1200,Dana,Director,dana.director@example.com,Engineering,Director,,employee,active,2015-01-05,\n"
          + "E1100,Mia,Manager,mia.manager@example.com,Engineering,Engineering Manager,E1200,employee,active,2016-01-05,\n"
          + "E1002,Bob,Nguyen,bob.nguyen@example.com,Engineering,Senior Engineer,E1100,employee,active,2020-06-15,\n"
          + "E1300,Sam,Seller,sam.seller@example.com,Sales,Sales Manager,E1200,employee,active,2017-01-05,\n"
          + "E1900,Olga,Owner,olga.owner@example.com,IT,Service Owner,E1200,employee,active,2018-01-05,\n"
          + "E1950,Fran,Controller,fran.controller@example.com,Finance,Controller,E1200,employee,active,2018-01-05,\n";
  private static final String NEW_HIRE =
      "E1050,Nina,Newhire,nina.newhire@example.com,Engineering,Engineer,E1100,employee,active,2026-03-02,\n";
  private static final String MOVED_NEW_HIRE =
      "E1050,Nina,Newhire,nina.newhire@example.com,Sales,Account Executive,E1300,employee,active,2026-03-02,\n";

  private static final String HOOK_SECRET = "story-webhook-secret-0123456789";

  private final List<Received> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean receiverDown;
  private com.sun.net.httpserver.HttpServer receiver;
  private com.icegreen.greenmail.util.GreenMail mail;
  private LdapUnit ldap;
  private Path folder;
  private Path config;
  private Instant now = START;

  /** A webhook delivery the in-test receiver got. */
  private record Received(String event, String timestamp, String signature, String body) {}

  private record Run(int exitCode, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  @BeforeAll
  void setUp() throws Exception {
    ldap = new LdapUnit("requests");
    mail =
        new com.icegreen.greenmail.util.GreenMail(
            new com.icegreen.greenmail.util.ServerSetup(3025, "127.0.0.1", "smtp").dynamicPort());
    mail.start();
    receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = receiverDown ? 503 : 200;
          if (!receiverDown) {
            hooks.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("X-Tenure-Event"),
                    exchange.getRequestHeaders().getFirst("X-Tenure-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Tenure-Signature"),
                    new String(body, java.nio.charset.StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    folder = Files.createTempDirectory("tenure-requests-story");
    Files.createDirectories(folder.resolve("hr"));
    Files.writeString(folder.resolve("hr/people.csv"), PEOPLE + NEW_HIRE);
    Map<String, String> variables = ldap.variables();
    String yaml =
        """
        sources:
          hr:
            type: csv
            file: hr/people.csv
            key: employeeId
            attributes:
              employeeId: employee_id
              givenName: first_name
              familyName: last_name
              email: email
              department: department
              title: title
              managerId: manager_id
              employmentType: employment_type
            lifecycle: { status: status, startDate: hire_date, endDate: termination_date }
        targets:
          directory:
            type: ldap
            url: %s
            bindDn: cn=admin,dc=example,dc=com
            password: %s
            accounts: { base: "%s", rdn: uid }
            groups: { base: "%s" }
            disable: { attribute: pwdAccountLockedTime, value: "000001010000Z" }
            username: initial(givenName) + familyName
            attributes: { cn: "givenName + ' ' + familyName", sn: familyName, mail: email, employeeNumber: employeeId }
        roles:
          staff:       { entitlements: { directory: [staff] } }
          engineering: { includes: [staff], entitlements: { directory: [engineering] } }
          sales:       { includes: [staff], entitlements: { directory: [sales] } }
          oncall:      { entitlements: { directory: [oncall] } }
          vpn:
            requestable: true
            owner: E1900
            approval: [owner]
            maxDuration: P90D
            onMove: review
            entitlements: { directory: [vpn] }
          wiki:        { requestable: true, approval: none, onMove: keep, entitlements: { directory: [wiki] } }
          payments:    { requestable: true, approval: none, entitlements: { directory: [payments] } }
          vendors:     { requestable: true, approval: none, entitlements: { directory: [vendors] } }
          approvals:   { requestable: true, owner: E1900, approval: [owner], entitlements: { directory: [approvals] } }
        rules:
          - { name: employees,   when: "employmentType == 'employee'", grant: [staff] }
          - { name: engineering, when: "department == 'Engineering'",  grant: [engineering] }
          - { name: sales,       when: "department == 'Sales'",        grant: [sales] }
          - { name: seniors,     when: "title == 'Senior Engineer'",   grant: [oncall] }
        notifications:
          smtp: { host: 127.0.0.1, port: %d, from: tenure@example.com }
        webhooks:
          - { name: story, url: "http://127.0.0.1:%d/hooks", secret: %s }
        sod:
          - { name: pay-and-vendor, roles: [payments, vendors], severity: critical }
          - { name: pay-and-approve, roles: [payments, approvals], exceptions: true, approval: [E1950] }
        """
            .formatted(
                variables.get("DEMO_LDAP_URL"),
                variables.get("DEMO_LDAP_PASSWORD"),
                variables.get("DEMO_PEOPLE_BASE"),
                variables.get("DEMO_GROUPS_BASE"),
                mail.getSmtp().getPort(),
                receiver.getAddress().getPort(),
                HOOK_SECRET);
    config = folder.resolve("tenure.yaml");
    Files.writeString(config, yaml);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (ldap != null) {
      ldap.close();
    }
    if (mail != null) {
      mail.stop();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  @Order(1)
  void aManagerModelsANewHireAfterAPeerAndTheOwnerApproves() {
    assertThat(ok("apply", "--yes").exitCode()).isZero();
    assertThat(account("nnewhire").groups()).containsExactly("engineering", "staff");
    Run bobsVpn = ok("request", "create", "--for", "E1002", "--role", "vpn", "--reason", "travel");
    String bobsRequest = bobsVpn.lastLine();
    ok("request", "approve", bobsRequest, "--as", "E1900", "--comment", "fine");
    ok("request", "create", "--for", "E1002", "--role", "wiki", "--reason", "docs");
    assertThat(account("bnguyen").groups())
        .containsExactly("engineering", "oncall", "staff", "vpn", "wiki");

    Run compared = ok("clone", "--from", "E1002", "--to", "E1050");
    assertThat(compared.out())
        .contains("offered     vpn  request role vpn")
        .contains("offered     wiki  request role wiki")
        .contains(
            "left out    engineering  gets it anyway from role engineering, from rule engineering")
        .contains(
            "explained   oncall  not offered: the model has it from role oncall, from rule seniors");

    Run cloned =
        ok(
            "clone",
            "--from",
            "E1002",
            "--to",
            "E1050",
            "--request",
            "--reason",
            "new hire, like Bob",
            "--as",
            "E1100");
    assertThat(cloned.out())
        .containsPattern("Filed R-\\d+ pending vpn for E1050 \\(step owner: E1900");
    assertThat(cloned.out()).containsPattern("Filed R-\\d+ provisioned wiki for E1050");
    String vpnRequest = requestId(cloned.out(), "pending vpn for E1050");

    Run self = run("request", "approve", vpnRequest, "--as", "E1100");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).contains("self-approval is refused");
    Run stranger = run("request", "approve", vpnRequest, "--as", "E1002");
    assertThat(stranger.exitCode()).isEqualTo(1);
    assertThat(stranger.err()).contains("E1002 is not an approver of the current step");
    assertThat(account("nnewhire").groups()).doesNotContain("vpn");

    Run approved = ok("request", "approve", vpnRequest, "--as", "E1900", "--comment", "welcome");
    assertThat(approved.out()).contains(vpnRequest + " provisioned vpn for E1050");
    assertThat(account("nnewhire").groups()).containsExactly("engineering", "staff", "vpn", "wiki");
    assertThat(ok("audit", "--subject", "directory/nnewhire").out())
        .contains("from role vpn, from request " + vpnRequest);
    assertThat(ok("access", "show", "E1050").out())
        .containsPattern(
            "vpn  from request " + vpnRequest + " \\(until 2026-05-31T09:\\d\\d:.*ends 2026-05-31");
  }

  @Test
  @Order(2)
  void badRequestsAreRefusedWithOneLineAndTheirExitCode() {
    Run unknown = run("request", "create", "--for", "E9999", "--role", "vpn", "--reason", "x");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no person with employee id E9999");
    Run notRequestable =
        run("request", "create", "--for", "E1050", "--role", "staff", "--reason", "x");
    assertThat(notRequestable.exitCode()).isEqualTo(2);
    assertThat(notRequestable.err()).contains("role 'staff' is not requestable");
    Run tooLong =
        run(
            "request",
            "create",
            "--for",
            "E1002",
            "--role",
            "approvals",
            "--reason",
            "x",
            "--until",
            "2027-12-31",
            "--as",
            "E1002");
    assertThat(tooLong.exitCode()).as("approvals has no maximum: accepted").isZero();
    ok("request", "cancel", tooLong.lastLine(), "--as", "E1002", "--reason", "by mistake");
    Run vpnTooLong =
        run(
            "request",
            "create",
            "--for",
            "E1300",
            "--role",
            "vpn",
            "--reason",
            "x",
            "--until",
            "2027-12-31",
            "--as",
            "E1300");
    assertThat(vpnTooLong.exitCode()).isEqualTo(2);
    assertThat(vpnTooLong.err()).contains("at most 90 days");
  }

  @Test
  @Order(3)
  void timeBoundAccessEndsOnItsDateAndIsRemovedAcrossRestarts() {
    Run filed =
        ok(
            "request",
            "create",
            "--for",
            "E1300",
            "--role",
            "wiki",
            "--reason",
            "quarter close",
            "--until",
            "2026-03-11",
            "--as",
            "E1300");
    assertThat(filed.out()).contains("provisioned wiki for E1300 until 2026-03-12T00:00:00Z");
    assertThat(account("sseller").groups()).contains("wiki");

    now = Instant.parse("2026-03-09T08:00:00Z");
    assertThat(ok("request", "work").out()).contains("0 ended, 1 reminded");
    assertThat(account("sseller").groups()).contains("wiki");

    now = Instant.parse("2026-03-12T00:30:00Z");
    assertThat(ok("request", "work").out()).contains("1 ended");
    assertThat(account("sseller").groups()).doesNotContain("wiki").contains("sales");
    assertThat(ok("request", "show", filed.lastLine()).out())
        .contains("reminded by schedule:requests", "ended by schedule:requests");
  }

  @Test
  @Order(4)
  void aTransferSendsRequestedAccessToReviewAndRevokesItUnconfirmed() throws Exception {
    Path moved = folder.resolve("moved.csv");
    Files.writeString(moved, PEOPLE + MOVED_NEW_HIRE);
    ok("import", "--source", "hr", "--file", moved.toString());
    assertThat(account("nnewhire").groups()).containsExactly("sales", "staff", "vpn", "wiki");

    Run review = ok("request", "work");
    assertThat(review.out()).contains("1 sent to review");
    assertThat(ok("request", "list", "--approver", "E1300").out()).contains("(review: E1300");

    now = now.plus(Duration.ofDays(3)).plusSeconds(60);
    assertThat(ok("request", "work").out()).contains("1 revoked");
    assertThat(account("nnewhire").groups())
        .as("wiki is kept on a move (onMove keep), vpn revoked")
        .containsExactly("sales", "staff", "wiki");
  }

  @Test
  @Order(5)
  void anSodConflictIsRefusedAndAnExceptionIsGrantedWithAnEndDate() {
    ok(
        "request",
        "create",
        "--for",
        "E1050",
        "--role",
        "payments",
        "--reason",
        "AP",
        "--as",
        "E1300");
    Run refused =
        run(
            "request",
            "create",
            "--for",
            "E1050",
            "--role",
            "vendors",
            "--reason",
            "x",
            "--as",
            "E1300");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "refused by separation-of-duties rule pay-and-vendor (critical): payments + vendors");
    Run withoutEnd =
        run(
            "request",
            "create",
            "--for",
            "E1050",
            "--role",
            "approvals",
            "--reason",
            "x",
            "--as",
            "E1300");
    assertThat(withoutEnd.exitCode()).isEqualTo(2);
    assertThat(withoutEnd.err()).contains("pay-and-approve", "end date");

    Run exception =
        ok(
            "request",
            "create",
            "--for",
            "E1050",
            "--role",
            "approvals",
            "--reason",
            "covering for Fran's leave",
            "--until",
            "2026-04-30",
            "--as",
            "E1300");
    assertThat(exception.out())
        .contains("(step E1950: E1950")
        .contains("[SoD exception: pay-and-approve]");
    ok("request", "approve", exception.lastLine(), "--as", "E1950", "--comment", "until April");
    assertThat(account("nnewhire").groups()).contains("approvals", "payments");
    assertThat(ok("access", "show", "E1050").out())
        .contains("approvals  from sod exception " + exception.lastLine());
    Run violations = ok("sod", "violations");
    assertThat(violations.out())
        .contains("E1050 Nina Newhire: pay-and-approve (high): approvals + payments");
    assertThat(ok("audit", "--subject", "person E1050").out()).contains("sod.violation");
  }

  @Test
  @Order(6)
  void anUnansweredRequestEscalatesThenExpires() {
    Run filed =
        ok(
            "request",
            "create",
            "--for",
            "E1002",
            "--role",
            "approvals",
            "--reason",
            "x",
            "--as",
            "E1002");
    String id = filed.lastLine();
    assertThat(filed.out()).contains("(step owner: E1900");

    now = now.plus(Duration.ofDays(3)).plusSeconds(60);
    assertThat(ok("request", "work").out()).contains("1 escalated");
    assertThat(ok("request", "list", "--state", "pending", "--approver", "E1200").out())
        .contains(id + " pending approvals for E1002 (step owner: E1200, escalated");

    now = now.plus(Duration.ofDays(3)).plusSeconds(60);
    assertThat(ok("request", "work").out()).contains("1 expired");
    Run shown = ok("request", "show", id, "--format", "json");
    assertThat(shown.out()).contains("\"state\" : \"expired\"", "\"action\" : \"escalated\"");
  }

  @Test
  @Order(7)
  void peopleWereEmailedAndSignedWebhooksReceivedAndRetried() throws Exception {
    List<String> mails = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage message : mail.getReceivedMessages()) {
      mails.add(
          message.getAllRecipients()[0]
              + " | "
              + message.getSubject()
              + " | "
              + String.valueOf(message.getContent()).strip().lines().findFirst().orElse(""));
    }
    assertThat(mails)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("olga.owner@example.com | [Tenure] Approval needed: R-")
                    .contains(": vpn for E1050 | Request R-")
                    .contains("asks for vpn for E1050 (new hire, like Bob (modelled after E1002))"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("mia.manager@example.com | [Tenure] Provisioned: R-")
                    .contains("vpn for E1050 is provisioned"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("sam.seller@example.com | [Tenure] Access ends soon:")
                    .contains("wiki of E1300 ends 2026-03-12T00:00:00Z"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("dana.director@example.com | [Tenure] Escalated to you:")
                    .contains("E1900 did not decide in time"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("sam.seller@example.com | [Tenure] Review after a transfer:"));

    assertThat(hooks)
        .extracting(Received::event)
        .contains(
            "request.pending",
            "request.decided",
            "request.provisioned",
            "access.ending",
            "access.ended",
            "access.review",
            "request.escalated",
            "request.expired",
            "joiner",
            "mover");
    for (Received hook : hooks) {
      assertThat(
              io.tenure.governance.request.WebhookSignature.matches(
                  HOOK_SECRET, Long.parseLong(hook.timestamp()), hook.body(), hook.signature()))
          .as("signature of %s", hook)
          .isTrue();
      assertThat(hook.body()).contains("\"event\":\"" + hook.event() + "\"");
    }
    assertThat(hooks)
        .anySatisfy(
            hook ->
                assertThat(hook.body())
                    .contains("\"event\":\"request.expired\"", "\"role\":\"approvals\""));
    assertThat(hooks)
        .as("the transfer of step 4 is a mover webhook")
        .anySatisfy(
            hook ->
                assertThat(hook.body())
                    .contains(
                        "\"event\":\"mover\"",
                        "\"employeeId\":\"E1050\",\"name\":\"Nina Newhire\"",
                        "{\"attribute\":\"department\",\"from\":\"Engineering\",\"to\":\"Sales\"}"));

    receiverDown = true;
    int before = hooks.size();
    Run filed =
        ok(
            "request",
            "create",
            "--for",
            "E1300",
            "--role",
            "wiki",
            "--reason",
            "again",
            "--as",
            "E1300");
    assertThat(hooks).hasSize(before);
    assertThat(ok("request", "webhooks", "--state", "pending").out())
        .contains("request.provisioned", "HTTP 503");
    assertThat(ok("operations").out())
        .containsPattern(
            "webhook story delivery \\d+ \\(request.provisioned\\) failed, retried at");
    receiverDown = false;
    // each command starts a minute after the last: the 30 s backoff has passed
    ok("request", "work");
    assertThat(hooks.subList(before, hooks.size()))
        .extracting(Received::event)
        .contains("request.provisioned", "request.decided");
    assertThat(ok("request", "webhooks", "--state", "pending").out())
        .contains("No webhook delivery");
    assertThat(filed.lastLine()).startsWith("R-");
  }

  private AccountView account(String uid) {
    return ldap.view().account(uid).orElseThrow(() -> new AssertionError("no account " + uid));
  }

  private static String requestId(String out, String containing) {
    return out.lines()
        .filter(line -> line.contains(containing))
        .map(line -> line.replaceFirst("^Filed ", "").split(" ")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + containing + " in\n" + out));
  }

  private Run ok(String... arguments) {
    Run run = run(arguments);
    assertThat(run.exitCode()).as("%s: %s", List.of(arguments), run).isZero();
    return run;
  }

  private Run run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withConfig = new String[arguments.length + 1];
    withConfig[0] = "--config=" + config;
    System.arraycopy(arguments, 0, withConfig, 1, arguments.length);
    CliEnvironment environment =
        new CliEnvironment(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Terminal.none(),
            Map.<String, String>of()::get,
            new TenureHome(folder.resolve("home")),
            Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)),
            TenureLauncher.INSTANCE,
            UnaryOperator.identity());
    int code = TenureCli.execute(environment, withConfig);
    // the next command starts a minute later: time only goes forward, as it does between commands
    now = now.plus(Duration.ofMinutes(1));
    return new Run(code, out.toString(), err.toString());
  }
}
