package io.tenure.cli;

import io.tenure.governance.certification.Campaign;
import io.tenure.governance.certification.CampaignItem;
import io.tenure.governance.certification.CampaignScope;
import io.tenure.governance.certification.Certification;
import io.tenure.governance.certification.DeadlinePolicy;
import io.tenure.governance.certification.ReviewerRule;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tenure campaign start|list|show|items|decide|close}: access certification campaigns. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = {
      "Access certification campaigns: reviewers certify or revoke each person's roles.",
      "  campaign start --name NAME (--role R | --target T | --department D | --everyone)",
      "      --reviewers manager|owner|E1100,E1200 --due DATE [--on-deadline keep|revoke|escalate]",
      "                                  starts one over the roles held today; prints its id last",
      "  campaign list                   every campaign with its progress",
      "  campaign show ID                a campaign, its progress and results",
      "  campaign items ID [--reviewer E1100] [--format json]",
      "                                  its items (person x role, origin, reviewers, decision)",
      "  campaign decide ID --item N[,N...] (--certify|--revoke) --as E1100 --comment TEXT",
      "                                  decides items (each audited); a revocation removes the",
      "                                  access through the planner, a revoked birthright stays",
      "                                  away (a recorded exception)",
      "  campaign close ID               undecided items follow the deadline policy now; closed",
      "Reminders go out three days before the deadline; the day after it, undecided items follow"
          + " --on-deadline (default keep) when 'tenure serve' runs its schedule."
    })
final class CampaignCommand extends StoreCommand implements Callable<Integer> {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Parameters(
      index = "0",
      paramLabel = "ACTION",
      description = "start, list, show, items, decide or close.")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The campaign.")
  @Nullable String id;

  @Option(names = "--name", paramLabel = "NAME")
  @Nullable String name;

  @Option(names = "--role", paramLabel = "ROLE")
  @Nullable String role;

  @Option(names = "--target", paramLabel = "TARGET")
  @Nullable String target;

  @Option(names = "--department", paramLabel = "DEPARTMENT")
  @Nullable String department;

  @Option(names = "--everyone")
  boolean everyone;

  @Option(names = "--reviewers", paramLabel = "WHO")
  @Nullable String reviewers;

  @Option(names = "--due", paramLabel = "DATE")
  @Nullable LocalDate due;

  @Option(names = "--on-deadline", paramLabel = "POLICY", defaultValue = "keep")
  String onDeadline = "keep";

  @Option(names = "--reviewer", paramLabel = "EMPLOYEE_ID")
  @Nullable String reviewer;

  @Option(names = "--item", paramLabel = "N", split = ",")
  List<Integer> items = new ArrayList<>();

  @Option(names = "--certify")
  boolean certify;

  @Option(names = "--revoke")
  boolean revoke;

  @Option(names = "--as", paramLabel = "EMPLOYEE_ID")
  @Nullable String as;

  @Option(names = "--comment", paramLabel = "TEXT")
  @Nullable String comment;

  @Mixin FormatOption format = new FormatOption();

  CampaignCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    Runnable check =
        switch (action) {
          case "start" -> this::checkStart;
          case "list" -> () -> {};
          case "show", "items", "close" -> this::requireId;
          case "decide" -> this::checkDecide;
          default ->
              throw new IllegalArgumentException(
                  "unknown action '" + action + "': start, list, show, items, decide or close");
        };
    check.run();
    return withApplication(
        null,
        context -> {
          Certification certification = context.getBean(Certification.class);
          PrintWriter out = environment.out();
          switch (action) {
            case "start" -> {
              Campaign campaign =
                  certification.start(
                      new Certification.Start(
                          name,
                          scope(),
                          ReviewerRule.parse(reviewers),
                          due,
                          DeadlinePolicy.parse(onDeadline)),
                      actor());
              int count = certification.items(campaign.id(), null).size();
              out.printf(
                  "Started campaign %s over %s: %d items, due %s, then %s.%n",
                  campaign.name(),
                  campaign.scope().describe(),
                  count,
                  campaign.due(),
                  campaign.onDeadline().cliName());
              out.println(campaign.id());
            }
            case "list" -> list(certification, out);
            case "show" -> show(certification, certification.find(id), out);
            case "items" -> items(certification.items(id, reviewer), out);
            case "decide" -> {
              List<Certification.Decision> decisions =
                  items.stream().map(item -> new Certification.Decision(item, certify)).toList();
              List<CampaignItem> decided = certification.decide(id, decisions, as, comment);
              for (CampaignItem item : decided) {
                out.printf(
                    "item %d: %s %s %s%n",
                    item.number(), item.employeeId(), item.role(), item.decision().cliName());
              }
            }
            case "close" -> {
              Campaign closed = certification.close(id, actor());
              show(certification, closed, out);
            }
            default -> throw new IllegalStateException(action);
          }
          out.flush();
          return TenureCli.SUCCESS;
        });
  }

  private void requireId() {
    if (id == null) {
      throw new IllegalArgumentException("campaign " + action + " needs the campaign's ID");
    }
  }

  private void checkStart() {
    if (name == null) {
      throw new IllegalArgumentException("campaign start needs --name");
    }
    scope();
    if (reviewers == null) {
      throw new IllegalArgumentException(
          "campaign start needs --reviewers manager|owner|E1100,...");
    }
    if (due == null) {
      throw new IllegalArgumentException("campaign start needs --due DATE");
    }
    ReviewerRule.parse(reviewers);
    DeadlinePolicy.parse(onDeadline);
  }

  private CampaignScope scope() {
    int given =
        (role == null ? 0 : 1)
            + (target == null ? 0 : 1)
            + (department == null ? 0 : 1)
            + (everyone ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "campaign start needs exactly one of --role, --target, --department, --everyone");
    }
    if (role != null) {
      return new CampaignScope(CampaignScope.Kind.ROLE, role);
    }
    if (target != null) {
      return new CampaignScope(CampaignScope.Kind.TARGET, target);
    }
    if (department != null) {
      return new CampaignScope(CampaignScope.Kind.DEPARTMENT, department);
    }
    return CampaignScope.everyone();
  }

  private void checkDecide() {
    requireId();
    if (items.isEmpty()) {
      throw new IllegalArgumentException("campaign decide needs --item N (or N,N,...)");
    }
    if (certify == revoke) {
      throw new IllegalArgumentException("campaign decide needs one of --certify and --revoke");
    }
    if (as == null) {
      throw new IllegalArgumentException("campaign decide needs --as EMPLOYEE_ID (the reviewer)");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("campaign decide needs --comment TEXT");
    }
  }

  private void list(Certification certification, PrintWriter out) {
    List<Campaign> campaigns = certification.list();
    if (format.json()) {
      ArrayNode array = MAPPER.createArrayNode();
      campaigns.forEach(
          campaign -> array.add(json(campaign, certification.items(campaign.id(), null))));
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return;
    }
    if (campaigns.isEmpty()) {
      out.println("No campaigns.");
    }
    for (Campaign campaign : campaigns) {
      List<CampaignItem> all = certification.items(campaign.id(), null);
      long decided = all.stream().filter(item -> item.decision().decided()).count();
      out.printf(
          "%s  %-6s  %-20s  %-24s  due %s  %d/%d decided%n",
          campaign.id(),
          campaign.state(),
          campaign.name(),
          campaign.scope().describe(),
          campaign.due(),
          decided,
          all.size());
    }
  }

  private void show(Certification certification, Campaign campaign, PrintWriter out) {
    List<CampaignItem> all = certification.items(campaign.id(), null);
    if (format.json()) {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(campaign, all)));
      return;
    }
    out.printf("Campaign %s: %s (%s)%n", campaign.id(), campaign.name(), campaign.state());
    out.printf(
        "  scope %s, reviewers %s, due %s, then %s%n",
        campaign.scope().describe(),
        campaign.reviewers().describe(),
        campaign.due(),
        campaign.onDeadline().cliName());
    out.printf(
        "  started by %s at %s%s%n",
        campaign.startedBy(),
        campaign.startedAt(),
        campaign.closedAt() == null ? "" : ", closed at " + campaign.closedAt());
    Certification.progress(all)
        .forEach((decision, count) -> out.printf("  %-20s %d%n", decision.cliName(), count));
  }

  private void items(List<CampaignItem> all, PrintWriter out) {
    if (format.json()) {
      ArrayNode array = MAPPER.createArrayNode();
      all.forEach(item -> array.add(json(item)));
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return;
    }
    if (all.isEmpty()) {
      out.println("No items.");
    }
    for (CampaignItem item : all) {
      out.printf(
          "%4d  %-8s  %-24s  %-14s  %-30s  %-14s  %s%s%n",
          item.number(),
          item.employeeId(),
          item.personName(),
          item.role(),
          item.origin().cliName() + " " + item.originReference(),
          String.join(",", item.reviewers()),
          item.decision().cliName(),
          item.comment() == null ? "" : "  (" + item.decidedBy() + ": " + item.comment() + ")");
    }
  }

  private static ObjectNode json(Campaign campaign, List<CampaignItem> all) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", campaign.id());
    node.put("name", campaign.name());
    node.put("state", campaign.state().name());
    node.put("scope", campaign.scope().describe());
    node.put("reviewers", campaign.reviewers().describe());
    node.put("due", campaign.due().toString());
    node.put("onDeadline", campaign.onDeadline().cliName());
    node.put("startedBy", campaign.startedBy());
    node.put("startedAt", campaign.startedAt().toString());
    node.put("closedAt", campaign.closedAt() == null ? null : campaign.closedAt().toString());
    ObjectNode progress = node.putObject("progress");
    for (Map.Entry<CampaignItem.Decision, Integer> entry : Certification.progress(all).entrySet()) {
      progress.put(entry.getKey().cliName(), entry.getValue());
    }
    return node;
  }

  static ObjectNode json(CampaignItem item) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("item", item.number());
    node.put("employeeId", item.employeeId());
    node.put("name", item.personName());
    node.put("role", item.role());
    node.put("origin", item.origin().cliName());
    node.put("originReference", item.originReference());
    node.put("grantedAt", item.grantedAt() == null ? null : item.grantedAt().toString());
    ArrayNode reviewerArray = node.putArray("reviewers");
    item.reviewers().forEach(reviewerArray::add);
    node.put("decision", item.decision().cliName());
    node.put("decidedBy", item.decidedBy());
    node.put("decidedAt", item.decidedAt() == null ? null : item.decidedAt().toString());
    node.put("comment", item.comment());
    return node;
  }
}
