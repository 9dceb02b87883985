package io.tenure.cli;

import io.tenure.engine.privacy.PersonalData;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code tenure person export|pseudonymise ID}: one person's personal data. */
@Command(
    name = "person",
    mixinStandardHelpOptions = true,
    description = {
      "One person's personal data (ID: employee id or identity id).",
      "  person export ID        writes everything Tenure holds about the person as JSON:"
          + " attributes, employment, usernames, each source's values, accounts, access history"
          + " and the audit events about them",
      "  person pseudonymise ID  after the retention delete (a leaver without accounts): replaces"
          + " their identity id by a pseudonym and removes their personal values from the audit"
          + " records about them and from the identity; the audit chain still verifies"
    })
final class PersonCommand extends StoreCommand implements Callable<Integer> {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Parameters(index = "0", paramLabel = "ACTION", description = "export or pseudonymise.")
  String action;

  @Parameters(index = "1", paramLabel = "ID", description = "Employee id or identity id.")
  String id;

  PersonCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    if (!action.equals("export") && !action.equals("pseudonymise")) {
      throw new IllegalArgumentException("unknown action '" + action + "': export or pseudonymise");
    }
    return withApplication(
        null,
        context -> {
          PersonalData data = context.getBean(PersonalData.class);
          if (action.equals("export")) {
            environment
                .out()
                .println(
                    MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(data.export(id)));
          } else {
            PersonalData.Pseudonymised done = data.pseudonymise(id, actor());
            environment
                .out()
                .printf(
                    "Pseudonymised identity %s as %s: %d audit records%n",
                    done.identity().value(), done.pseudonym(), done.records());
          }
          environment.out().flush();
          return TenureCli.SUCCESS;
        });
  }
}
