package io.tenure.cli;

import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.connector.ConnectorRegistry;
import io.tenure.engine.execution.OperationId;
import io.tenure.engine.execution.OperationQueue;
import io.tenure.engine.execution.OperationState;
import io.tenure.engine.execution.OperationWorkers;
import io.tenure.engine.execution.OperationsJson;
import io.tenure.engine.execution.QueueAdministration;
import io.tenure.engine.execution.QueuedOperation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tenure operations}: the durable queue's operations, and the operator's retry and discard.
 */
@Command(
    name = "operations",
    mixinStandardHelpOptions = true,
    description = {
      "Lists stored operations (oldest first) with their state, attempts, next attempt and last"
          + " error.",
      "'operations retry ID...' makes parked or failed operations due again;"
          + " 'operations discard ID... --reason TEXT' gives them up so that later operations of"
          + " the same account can run. Both are audited. 'operations work' runs the queue in"
          + " this process (until it is empty, or with --follow until stopped)."
    })
final class OperationsCommand extends StoreCommand implements Callable<Integer> {

  @Option(
      names = "--state",
      paramLabel = "STATE",
      split = ",",
      description =
          "Only operations in these states (pending, failed, parked, held, succeeded, discarded,"
              + " skipped); default: every state but succeeded.")
  List<OperationState> states = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most N operations (default 100).")
  int limit = 100;

  @Mixin FormatOption format = new FormatOption();

  OperationsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    requireNonNegativeLimit(limit);
    Set<OperationState> wanted =
        states.isEmpty()
            ? EnumSet.complementOf(EnumSet.of(OperationState.SUCCEEDED))
            : EnumSet.copyOf(states);
    return withApplication(
        null,
        context -> {
          List<QueuedOperation> found = context.getBean(OperationQueue.class).list(wanted, limit);
          if (format.json()) {
            Reports.printJson(OperationsJson.of(found), environment.out());
          } else {
            text(found, PersonLabels.of(context));
            failedWebhooks(context);
          }
          return 0;
        });
  }

  /** Webhook deliveries that failed (waiting for a retry, or parked), after the operations. */
  private void failedWebhooks(org.springframework.context.ConfigurableApplicationContext context) {
    io.tenure.governance.request.WebhookOutbox outbox =
        context.getBeanProvider(io.tenure.governance.request.WebhookOutbox.class).getIfAvailable();
    if (outbox == null) {
      return;
    }
    List<io.tenure.governance.request.WebhookOutbox.Delivery> failed = new ArrayList<>();
    outbox.inState("PARKED", limit).forEach(failed::add);
    outbox.inState("PENDING", limit).stream()
        .filter(delivery -> delivery.attempts() > 0)
        .forEach(failed::add);
    for (io.tenure.governance.request.WebhookOutbox.Delivery delivery : failed) {
      environment
          .out()
          .println(
              "webhook "
                  + delivery.webhook()
                  + " delivery "
                  + delivery.id()
                  + " ("
                  + delivery.event()
                  + ") "
                  + (delivery.state().equals("PARKED")
                      ? "parked"
                      : "failed, retried at " + delivery.nextAttempt())
                  + " after "
                  + delivery.attempts()
                  + " attempts: "
                  + delivery.lastError());
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Makes parked or failed operations due at once, with fresh attempts.")
  int retry(
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile,
      @Parameters(paramLabel = "ID", arity = "1..*") List<Long> ids) {
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          QueueAdministration administration = context.getBean(QueueAdministration.class);
          int failures = 0;
          for (long id : ids) {
            failures += report(id, administration.retry(new OperationId(id), actor()), "retried");
          }
          return failures == 0 ? 0 : 1;
        });
  }

  @Command(
      name = "discard",
      mixinStandardHelpOptions = true,
      description =
          "Gives up operations that have not succeeded; later operations of their accounts run.")
  int discard(
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile,
      @Parameters(paramLabel = "ID", arity = "1..*") List<Long> ids,
      @Option(
              names = "--reason",
              required = true,
              paramLabel = "TEXT",
              description = "Why (recorded in the audit log).")
          String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("--reason must not be blank");
    }
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          QueueAdministration administration = context.getBean(QueueAdministration.class);
          int failures = 0;
          for (long id : ids) {
            failures +=
                report(
                    id, administration.discard(new OperationId(id), actor(), reason), "discarded");
          }
          return failures == 0 ? 0 : 1;
        });
  }

  @Command(
      name = "work",
      mixinStandardHelpOptions = true,
      description = {
        "Runs this process's queue workers on the stored operations: with --until-empty (the"
            + " default) until no operation is pending or failed any more, with --follow until"
            + " stopped (Ctrl-C), taking new operations as they are stored.",
        "Any number of processes may work on one store; no operation runs twice at once."
      })
  int work(
      @Option(
              names = "--config",
              paramLabel = "FILE",
              description = "The configuration file (default: ./tenure.yaml).")
          @Nullable Path configFile,
      @Option(
              names = "--until-empty",
              description = "Stop when no operation is pending or failed any more (the default).")
          boolean untilEmpty,
      @Option(names = "--until-idle", hidden = true, description = "The older --until-empty.")
          boolean untilIdle,
      @Option(
              names = "--follow",
              description = "Keep working until stopped (Ctrl-C), as a worker beside serve does.")
          boolean follow) {
    if ((untilEmpty || untilIdle) && follow) {
      throw new IllegalArgumentException("--until-empty and --follow exclude each other");
    }
    useConfig(configFile);
    return withApplication(
        null,
        context -> {
          OperationQueue queue = context.getBean(OperationQueue.class);
          OperationWorkers workers = context.getBean(OperationWorkers.class);
          TenureConfiguration configuration = context.getBean(TenureConfiguration.class);
          environment
              .out()
              .println(
                  "Worker "
                      + workers.worker()
                      + " is running "
                      + (follow
                          ? "until stopped (Ctrl-C)."
                          : "until no operation is pending or failed (--follow keeps it running)."));
          environment.out().flush();
          try (ConnectorRegistry connectors = ConnectorRegistry.load(configuration.targets())) {
            workers.runUntil(
                connectors,
                () ->
                    !follow
                        && queue
                            .list(EnumSet.of(OperationState.PENDING, OperationState.FAILED), 1)
                            .isEmpty());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
          }
          return 0;
        });
  }

  /** A {@code --config} given after the subcommand counts like one given before it. */
  private void useConfig(@Nullable Path configFile) {
    if (configFile != null) {
      config = configFile;
    }
  }

  private int report(long id, QueueAdministration.Result result, String done) {
    switch (result) {
      case DONE -> {
        environment.out().println("Operation " + id + " " + done + ".");
        return 0;
      }
      case NOT_FOUND -> {
        environment.err().println("tenure: there is no operation " + id);
        return 1;
      }
      default -> {
        environment
            .err()
            .println("tenure: operation " + id + " cannot be " + done + " in its current state");
        return 1;
      }
    }
  }

  private void text(List<QueuedOperation> operations, PersonLabels people) {
    if (operations.isEmpty()) {
      environment.out().println("No operations.");
      return;
    }
    environment
        .out()
        .printf("%-8s %-10s %-8s %-24s %s%n", "ID", "STATE", "ATTEMPTS", "NEXT ATTEMPT", "CHANGE");
    for (QueuedOperation queued : operations) {
      var stored = queued.operation();
      environment
          .out()
          .printf(
              "%-8d %-10s %-8d %-24s %s%s%s%n",
              stored.id().value(),
              stored.state().name().toLowerCase(Locale.ROOT),
              stored.attempts(),
              queued.nextAttemptAt() == null ? "-" : queued.nextAttemptAt().toString(),
              stored.operation().describe(),
              stored.operation().owner() == null
                  ? ""
                  : "  ("
                      + stored.operation().owner().value()
                      + people.suffix(stored.operation().owner().value())
                      + ")",
              stored.lastError() == null ? "" : "  (last error: " + stored.lastError() + ")");
    }
  }
}
