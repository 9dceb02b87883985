package io.tenure.web.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenure.core.identity.Identity;
import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.Permission;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.governance.certification.Campaign;
import io.tenure.governance.certification.CampaignItem;
import io.tenure.governance.certification.CampaignScope;
import io.tenure.governance.certification.Certification;
import io.tenure.governance.certification.DeadlinePolicy;
import io.tenure.governance.certification.ReviewerRule;
import io.tenure.governance.report.ComplianceReports;
import io.tenure.governance.report.ReportName;
import io.tenure.governance.report.ReportRequest;
import io.tenure.governance.report.ReportTable;
import io.tenure.governance.report.ReportWriter;
import io.tenure.web.problem.BadRequest;
import io.tenure.web.problem.NotFound;
import io.tenure.web.security.Callers;
import io.tenure.web.security.Requires;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/reports} and {@code /api/v1/campaigns}: the compliance reports (JSON, or CSV with
 * {@code format=csv}) and access certification campaigns. A reviewer decides an item as the person
 * their login is linked to; starting and closing campaigns is for administrators.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "compliance", description = "Reports and access certification campaigns")
class ComplianceApi {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final ObjectProvider<ComplianceReports> reports;
  private final ObjectProvider<Certification> certification;
  private final IdentityRepository identities;

  ComplianceApi(
      ObjectProvider<ComplianceReports> reports,
      ObjectProvider<Certification> certification,
      IdentityRepository identities) {
    this.reports = reports;
    this.certification = certification;
    this.identities = identities;
  }

  @GetMapping("/reports")
  @Requires(Permission.VIEW_REPORTS)
  List<Map<String, String>> reportList() {
    List<Map<String, String>> list = new ArrayList<>();
    for (ReportName name : ReportName.values()) {
      list.add(Map.of("name", name.cliName(), "description", name.description()));
    }
    return list;
  }

  @GetMapping(
      path = "/reports/{name}",
      produces = {"application/json", "text/csv"})
  @Requires(Permission.VIEW_REPORTS)
  ResponseEntity<String> report(
      @PathVariable("name") String name,
      @RequestParam(name = "asOf", required = false) @Nullable String asOf,
      @RequestParam(name = "from", required = false) @Nullable String from,
      @RequestParam(name = "until", required = false) @Nullable String until,
      @RequestParam(name = "format", defaultValue = "json") String format) {
    ReportName report;
    try {
      report = ReportName.of(name);
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
    ReportRequest request =
        badRequestOn(
            () -> new ReportRequest(date(asOf, "asOf"), date(from, "from"), date(until, "until")));
    ReportTable table = reports.getObject().run(report, request);
    if (format.equals("csv")) {
      StringWriter csv = new StringWriter();
      ReportWriter.csv(table, csv);
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType("text/csv"))
          .body(csv.toString());
    }
    if (!format.equals("json")) {
      throw new BadRequest("format must be json or csv, not '" + format + "'");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(MAPPER.writeValueAsString(ReportWriter.json(table)));
  }

  @GetMapping("/campaigns")
  @Requires(Permission.VIEW_CAMPAIGNS)
  List<Map<String, Object>> campaigns() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Campaign campaign : certification.getObject().list()) {
      list.add(view(campaign, certification.getObject().items(campaign.id(), null)));
    }
    return list;
  }

  @GetMapping("/campaigns/{id}")
  @Requires(Permission.VIEW_CAMPAIGNS)
  Map<String, Object> campaign(@PathVariable("id") String id) {
    Campaign campaign = found(() -> certification.getObject().find(id));
    return view(campaign, certification.getObject().items(id, null));
  }

  @GetMapping("/campaigns/{id}/items")
  @Requires(Permission.VIEW_CAMPAIGNS)
  List<Map<String, Object>> items(
      @PathVariable("id") String id,
      @RequestParam(name = "reviewer", required = false) @Nullable String reviewer) {
    return found(() -> certification.getObject().items(id, Parameters.optional(reviewer))).stream()
        .map(ComplianceApi::view)
        .toList();
  }

  @PostMapping(path = "/campaigns")
  @Requires(Permission.MANAGE_CAMPAIGNS)
  Map<String, Object> start(@RequestBody(required = false) @Nullable String body) {
    JsonNode json = body(body);
    Certification.Start start =
        badRequestOn(
            () ->
                new Certification.Start(
                    text(json, "name"),
                    scope(json),
                    ReviewerRule.parse(text(json, "reviewers")),
                    LocalDate.parse(text(json, "due")),
                    DeadlinePolicy.parse(json.path("onDeadline").asString("keep"))));
    Campaign campaign =
        badRequestOn(() -> certification.getObject().start(start, Callers.current().actor()));
    return view(campaign, certification.getObject().items(campaign.id(), null));
  }

  @PostMapping(path = "/campaigns/{id}/close")
  @Requires(Permission.MANAGE_CAMPAIGNS)
  Map<String, Object> close(@PathVariable("id") String id) {
    found(() -> certification.getObject().find(id));
    Campaign closed = certification.getObject().close(id, Callers.current().actor());
    return view(closed, certification.getObject().items(id, null));
  }

  /**
   * A reviewer's decision: {@code {"decision": "certify"|"revoke", "comment": "..."}}, as the
   * person the caller's login is linked to.
   */
  @PostMapping(path = "/campaigns/{id}/items/{item}/decision")
  @Requires(Permission.VIEW_OWN_ACCESS)
  Map<String, Object> decide(
      @PathVariable("id") String id,
      @PathVariable("item") String item,
      @RequestBody(required = false) @Nullable String body) {
    found(() -> certification.getObject().find(id));
    AccessPrincipal caller = Callers.current();
    if (caller.person() == null) {
      throw new BadRequest("decide as a reviewer: your login is linked to no person");
    }
    String reviewer =
        identities
            .find(caller.person())
            .flatMap((Identity person) -> person.attribute("employeeId"))
            .orElse(caller.person().value());
    JsonNode json = body(body);
    String decision = text(json, "decision");
    if (!decision.equals("certify") && !decision.equals("revoke")) {
      throw new BadRequest("decision must be certify or revoke, not '" + decision + "'");
    }
    int number;
    try {
      number = Integer.parseInt(item);
    } catch (NumberFormatException e) {
      throw new NotFound("campaign " + id + " has no item " + item);
    }
    List<CampaignItem> decided =
        badRequestOn(
            () ->
                certification
                    .getObject()
                    .decide(
                        id,
                        List.of(new Certification.Decision(number, decision.equals("certify"))),
                        reviewer,
                        text(json, "comment")));
    return view(decided.get(0));
  }

  private static CampaignScope scope(JsonNode json) {
    for (String kind : List.of("role", "target", "department")) {
      if (json.hasNonNull(kind)) {
        return new CampaignScope(
            CampaignScope.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
            json.get(kind).asString());
      }
    }
    if (json.path("everyone").asBoolean(false)) {
      return CampaignScope.everyone();
    }
    throw new IllegalArgumentException("say the scope: role, target, department or everyone");
  }

  private static JsonNode body(@Nullable String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("send a JSON object");
    }
    try {
      JsonNode json = MAPPER.readTree(body);
      if (!json.isObject()) {
        throw new BadRequest("send a JSON object");
      }
      return json;
    } catch (JacksonException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new BadRequest("'" + field + "' is required");
    }
    return value.asString();
  }

  private static @Nullable LocalDate date(@Nullable String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest(parameter + " must be a date (YYYY-MM-DD), not '" + value + "'");
    }
  }

  private static <T> T found(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
  }

  private static <T> T badRequestOn(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static Map<String, Object> view(Campaign campaign, List<CampaignItem> items) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", campaign.id());
    view.put("name", campaign.name());
    view.put("state", campaign.state().name());
    view.put("scope", campaign.scope().describe());
    view.put("reviewers", campaign.reviewers().describe());
    view.put("due", campaign.due().toString());
    view.put("onDeadline", campaign.onDeadline().cliName());
    view.put("startedBy", campaign.startedBy());
    view.put("startedAt", campaign.startedAt().toString());
    view.put("closedAt", campaign.closedAt() == null ? null : campaign.closedAt().toString());
    Map<String, Integer> progress = new LinkedHashMap<>();
    Certification.progress(items)
        .forEach((decision, count) -> progress.put(decision.cliName(), count));
    view.put("progress", progress);
    return view;
  }

  private static Map<String, Object> view(CampaignItem item) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("item", item.number());
    view.put("employeeId", item.employeeId());
    view.put("name", item.personName());
    view.put("role", item.role());
    view.put("origin", item.origin().cliName());
    view.put("originReference", item.originReference());
    view.put("grantedAt", item.grantedAt() == null ? null : item.grantedAt().toString());
    view.put("reviewers", item.reviewers());
    view.put("decision", item.decision().cliName());
    view.put("decidedBy", item.decidedBy());
    view.put("decidedAt", item.decidedAt() == null ? null : item.decidedAt().toString());
    view.put("comment", item.comment());
    return view;
  }
}
