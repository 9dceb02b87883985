package io.tenure.cli;

import io.tenure.core.identity.Identity;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.Disagreement;
import io.tenure.engine.ingest.Disagreements;
import io.tenure.engine.store.Transactions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tenure disagreements}: where the sources of a person give different values of an
 * attribute, which value the identity keeps (by attribute authority) and what the others say.
 */
@Command(
    name = "disagreements",
    mixinStandardHelpOptions = true,
    description = {
      "Lists where the sources of a person disagree on an attribute: the value the identity keeps"
          + " (from the source the 'authority' section trusts most for it) and what the other"
          + " sources say. Nothing is changed: the identity never flaps between them."
    })
final class DisagreementsCommand extends StoreCommand implements Callable<Integer> {

  @Option(
      names = "--attribute",
      paramLabel = "NAME",
      description = "Only disagreements on this identity attribute.")
  @Nullable String attribute;

  @Mixin FormatOption format = new FormatOption();

  DisagreementsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    return withApplication(
        null,
        context -> {
          Disagreements disagreements =
              new Disagreements(context.getBean(TenureConfiguration.class).attributeAuthority());
          IdentityRepository identities = context.getBean(IdentityRepository.class);
          List<Disagreement> found = new ArrayList<>();
          context
              .getBean(Transactions.class)
              .run(
                  () -> {
                    try (Stream<Identity> stream = identities.stream()) {
                      stream
                          .flatMap(identity -> disagreements.of(identity).stream())
                          .filter(
                              disagreement ->
                                  attribute == null || disagreement.attribute().equals(attribute))
                          .forEach(found::add);
                    }
                  });
          PrintWriter out = environment.out();
          if (format.json()) {
            ObjectNode root = Reports.newObject();
            ArrayNode list = root.putArray("disagreements");
            for (Disagreement disagreement : found) {
              ObjectNode item = list.addObject();
              item.put("identity", disagreement.identity().value());
              item.put("attribute", disagreement.attribute());
              item.put("decidedBy", disagreement.decidedBy());
              item.put("keptValue", disagreement.keptValue());
              item.put("source", disagreement.source());
              item.put("value", disagreement.value());
            }
            Reports.printJson(root, out);
          } else if (found.isEmpty()) {
            out.println("No disagreements: every source of every person agrees.");
          } else {
            out.printf(
                "%d disagreement%s between sources%n", found.size(), found.size() == 1 ? "" : "s");
            for (Disagreement disagreement : found) {
              out.println("  identity " + disagreement.identity() + "  " + disagreement.describe());
            }
          }
          out.flush();
          return 0;
        });
  }
}
