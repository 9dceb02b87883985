package io.tenure.cli;

import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.AccessRequests;
import io.tenure.governance.request.RequestActor;
import io.tenure.governance.request.RequestEvent;
import io.tenure.governance.request.RequestId;
import io.tenure.governance.request.RequestState;
import io.tenure.governance.request.RequestWork;
import io.tenure.governance.request.WebhookOutbox;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tenure request}: file, list, show, approve, reject and cancel access requests, and do what
 * is due ({@code work}). {@code --as EMPLOYEE_ID} acts as that person (audited as {@code
 * person:E1100}); without it the command acts as an operator, who may request for anyone.
 */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "Access requests: 'request create --for E1050 --role vpn --reason TEXT [--until DATE]"
          + " [--as E1100]' files one (its id is the last line printed); list, show, approve,"
          + " reject and cancel them; 'request work' does what is due now (escalations,"
          + " expiries, ended access, reminders, transfer reviews), as 'serve' does on schedule."
    })
final class RequestCommand extends StoreCommand implements Callable<Integer> {

  RequestCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "say what to do: create, list, show, approve, reject, cancel or work");
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Files a request.")
  int create(
      @Option(names = "--for", required = true, paramLabel = "EMPLOYEE_ID") String beneficiary,
      @Option(names = "--role", required = true, paramLabel = "ROLE") String role,
      @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason,
      @Option(
              names = "--until",
              paramLabel = "DATE",
              description = "The last day of access (yyyy-MM-dd).")
          @Nullable String until,
      @Option(names = "--as", paramLabel = "EMPLOYEE_ID", description = "Request as this person.")
          @Nullable String as) {
    LocalDate lastDay = date(until);
    return withApplication(
        null,
        context -> {
          AccessRequest filed =
              context
                  .getBean(AccessRequests.class)
                  .create(actor(as), beneficiary, role, reason, lastDay);
          PrintWriter out = environment.out();
          out.println(summary(filed));
          out.println(filed.id().value());
          return filed.state() == RequestState.FAILED ? 1 : 0;
        });
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists requests.")
  int list(
      @Option(names = "--state", paramLabel = "STATE") @Nullable String state,
      @Option(names = "--approver", paramLabel = "EMPLOYEE_ID") @Nullable String approver,
      @Option(names = "--for", paramLabel = "EMPLOYEE_ID") @Nullable String beneficiary,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "100") int limit,
      @Mixin FormatOption format) {
    requireNonNegativeLimit(limit);
    RequestState wanted = state == null ? null : RequestState.parse(state);
    return withApplication(
        null,
        context -> {
          List<AccessRequest> found =
              context.getBean(AccessRequests.class).list(wanted, approver, beneficiary, limit);
          if (format.json()) {
            Reports.printJson(RequestsJson.list(found), environment.out());
          } else if (found.isEmpty()) {
            environment.out().println("No request.");
          } else {
            found.forEach(request -> environment.out().println(summary(request)));
          }
          return 0;
        });
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a request.")
  int show(@Parameters(paramLabel = "ID") String id, @Mixin FormatOption format) {
    return withApplication(
        null,
        context -> {
          AccessRequests requests = context.getBean(AccessRequests.class);
          AccessRequest request = requests.get(new RequestId(id));
          List<RequestEvent> history = requests.history(request.id());
          if (format.json()) {
            Reports.printJson(RequestsJson.detail(request, history), environment.out());
            return 0;
          }
          PrintWriter out = environment.out();
          out.println(summary(request));
          out.println("  requested by " + request.requester() + ": " + request.justification());
          out.println(
              "  approval: "
                  + (request.chain().isEmpty() ? "none" : String.join(" -> ", request.chain())));
          if (request.isException()) {
            out.println("  exception to separation-of-duties rule " + request.sodRule());
          }
          if (!request.outcome().isBlank()) {
            out.println("  outcome: " + request.outcome());
          }
          for (RequestEvent event : history) {
            out.println(
                "  "
                    + event.at()
                    + "  "
                    + event.action()
                    + (event.step().isEmpty() ? "" : " (" + event.step() + ")")
                    + " by "
                    + event.actor()
                    + (event.comment().isEmpty() ? "" : ": " + event.comment()));
          }
          return 0;
        });
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approves the current step (or confirms access under a transfer review).")
  int approve(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--as", required = true, paramLabel = "EMPLOYEE_ID") String as,
      @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "") String comment) {
    return withApplication(
        null,
        context -> {
          AccessRequest decided =
              context.getBean(AccessRequests.class).approve(new RequestId(id), actor(as), comment);
          environment.out().println(summary(decided));
          return decided.state() == RequestState.FAILED ? 1 : 0;
        });
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Rejects a request (or revokes access under a transfer review).")
  int reject(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--as", required = true, paramLabel = "EMPLOYEE_ID") String as,
      @Option(names = "--comment", required = true, paramLabel = "TEXT") String comment) {
    return withApplication(
        null,
        context -> {
          AccessRequest decided =
              context.getBean(AccessRequests.class).reject(new RequestId(id), actor(as), comment);
          environment.out().println(summary(decided));
          return 0;
        });
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a request.")
  int cancel(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--as", paramLabel = "EMPLOYEE_ID") @Nullable String as,
      @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "") String reason) {
    return withApplication(
        null,
        context -> {
          AccessRequest cancelled =
              context.getBean(AccessRequests.class).cancel(new RequestId(id), actor(as), reason);
          environment.out().println(summary(cancelled));
          return 0;
        });
  }

  @Command(
      name = "work",
      mixinStandardHelpOptions = true,
      description =
          "Does what is due now: escalations, expiries, ended access, reminders, transfer"
              + " reviews.")
  int work() {
    return withApplication(
        null,
        context -> {
          RequestWork.Summary summary = context.getBean(RequestWork.class).run();
          environment.out().println("Requests: " + summary.describe() + ".");
          return 0;
        });
  }

  @Command(
      name = "webhooks",
      mixinStandardHelpOptions = true,
      description =
          "Lists webhook deliveries: pending (failed, waiting for their retry), parked (gave up) or"
              + " delivered.")
  int webhooks(
      @Option(names = "--state", paramLabel = "STATE", defaultValue = "parked") String state,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "100") int limit) {
    requireNonNegativeLimit(limit);
    String wanted = state.strip().toUpperCase(java.util.Locale.ROOT);
    if (!List.of("PENDING", "PARKED", "DELIVERED").contains(wanted)) {
      throw new IllegalArgumentException(
          "--state " + state + " is not pending, parked or delivered");
    }
    return withApplication(
        null,
        context -> {
          List<WebhookOutbox.Delivery> found =
              context.getBean(WebhookOutbox.class).inState(wanted, limit);
          if (found.isEmpty()) {
            environment.out().println("No webhook delivery is " + state.toLowerCase() + ".");
          }
          for (WebhookOutbox.Delivery delivery : found) {
            environment
                .out()
                .println(
                    delivery.id()
                        + " "
                        + delivery.webhook()
                        + " "
                        + delivery.event()
                        + " "
                        + delivery.state().toLowerCase()
                        + ", "
                        + delivery.attempts()
                        + " attempts"
                        + (delivery.lastError().isEmpty()
                            ? ""
                            : ", last error: " + delivery.lastError())
                        + (delivery.state().equals("PENDING")
                            ? ", next " + delivery.nextAttempt()
                            : ""));
          }
          return 0;
        });
  }

  /** The person named by {@code --as}, else this command's operator. */
  static RequestActor actor(@Nullable String as) {
    return as == null || as.isBlank()
        ? RequestActor.operator(actor())
        : RequestActor.person(as.strip(), actor());
  }

  static @Nullable LocalDate date(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--until " + text + " is not a date such as 2027-01-31");
    }
  }

  /** {@code R-12 pending vpn for E1050 (step owner: E1900, until ...)}. */
  static String summary(AccessRequest request) {
    StringBuilder line =
        new StringBuilder(request.id().value())
            .append(' ')
            .append(request.state().label())
            .append(' ')
            .append(request.role())
            .append(" for ")
            .append(request.beneficiaryEmployeeId());
    if (!request.approvers().isEmpty()) {
      line.append(" (")
          .append(request.state() == RequestState.PENDING ? "step " + request.stepName() : "review")
          .append(": ")
          .append(String.join(", ", request.approvers()))
          .append(request.escalated() ? ", escalated" : "")
          .append(request.stepDeadline() == null ? "" : ", by " + request.stepDeadline())
          .append(')');
    }
    if (request.until() != null) {
      line.append(" until ").append(request.until());
    }
    if (request.isException()) {
      line.append(" [SoD exception: ").append(request.sodRule()).append(']');
    }
    if (request.state() == RequestState.FAILED) {
      line.append(": ").append(request.outcome());
    }
    return line.toString();
  }
}
