package io.tenure.cli;

import io.tenure.configuration.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command line: parses the arguments before anything starts ({@code --help}, {@code --version}
 * and usage errors answer at once), then runs the chosen command, which starts the store only if it
 * needs it.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error (a wrong argument, or a problem in the
 * configuration file: {@link ConfigurationException}, which a command meets before it starts
 * anything), 3 done with rejected rows or warnings, 4 done but operations held by the mass-change
 * brake, 5 a saved plan refused because what it was made from changed.
 *
 * <p>To add a command, write a picocli {@code @Command} class (extend {@link StoreCommand}'s
 * pattern if it needs the store: take a {@link CliEnvironment} in its constructor) and add one line
 * to {@link #commands(CliEnvironment)}.
 */
public final class TenureCli {

  public static final int SUCCESS = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  /** Done, but rows were rejected or ambiguous, or there are warnings (see stderr). */
  public static final int WARNINGS = 3;

  /** Done, but the mass-change brake holds operations of the plan ({@code tenure plans --held}). */
  public static final int HELD = 4;

  /**
   * A saved plan ({@code tenure apply FILE}) was refused: the store, a source file or the day
   * changed since it was made, so it is not the plan that would run. Nothing was applied.
   */
  public static final int PLAN_STALE = 5;

  private TenureCli() {}

  /** The subcommands, in the order {@code --help} lists them. */
  static List<Object> commands(CliEnvironment environment) {
    List<Object> commands = new ArrayList<>();
    commands.add(new DemoCommand(environment));
    commands.add(new InitCommand(environment));
    commands.add(new CheckCommand(environment));
    commands.add(new PlanCommand(environment));
    commands.add(new ApplyCommand(environment));
    commands.add(new ImportCommand(environment));
    commands.add(new PlansCommand(environment));
    commands.add(new ResumeCommand(environment));
    commands.add(new RejectCommand(environment));
    commands.add(new OperationsCommand(environment));
    commands.add(new AuditCommand(environment));
    commands.add(new ReconcileCommand(environment));
    commands.add(new FindingsCommand(environment));
    commands.add(new DisagreementsCommand(environment));
    commands.add(new PersonCommand(environment));
    commands.add(new RequestCommand(environment));
    commands.add(new AccessCommand(environment));
    commands.add(new CloneCommand(environment));
    commands.add(new SodCommand(environment));
    commands.add(new ReportCommand(environment));
    commands.add(new CampaignCommand(environment));
    commands.add(new ServeCommand(environment));
    commands.add(new TokenCommand(environment));
    commands.add(new UserCommand(environment));
    commands.add(new StoreServerCommand(environment));
    return commands;
  }

  /**
   * Runs the arguments and returns the exit code. When they name a command, only that command is
   * built (picocli reads every option and parameter of a command class by reflection, which took a
   * third of a warm {@code tenure plans --held}); {@code tenure --help}, no command or an unknown
   * one get the whole command line.
   */
  public static int execute(CliEnvironment environment, String... arguments) {
    return commandLine(environment, chosen(commands(environment), arguments)).execute(arguments);
  }

  /**
   * The command that {@code arguments} name (the first word that is not an option or the value of
   * the top-level {@code --config}), alone; every command when they name none of them.
   */
  static List<Object> chosen(List<Object> commands, String... arguments) {
    @Nullable String name = null;
    for (int index = 0; index < arguments.length; index++) {
      String argument = arguments[index];
      if (argument.equals("--config")) {
        index++;
      } else if (!argument.startsWith("-")) {
        name = argument;
        break;
      }
    }
    for (Object command : commands) {
      Command annotation = command.getClass().getAnnotation(Command.class);
      if (annotation != null && annotation.name().equals(name)) {
        return List.of(command);
      }
    }
    return commands;
  }

  /** The configured command line, for adding commands or running it yourself. */
  public static CommandLine commandLine(CliEnvironment environment) {
    return commandLine(environment, commands(environment));
  }

  /** The command line with these subcommands (instances of picocli {@code @Command} classes). */
  public static CommandLine commandLine(CliEnvironment environment, List<Object> commands) {
    CommandLine line = new CommandLine(new TenureCommand());
    for (Object command : commands) {
      line.addSubcommand(command);
    }
    listNestedCommands(line);
    CommandLine report = line.getSubcommands().get("report");
    if (report != null) {
      report.getCommandSpec().usageMessage().footer(ReportCommand.reportList());
    }
    line.setOut(environment.out());
    line.setErr(environment.err());
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          failed.getErr().println("tenure: " + exception.getMessage());
          failed.getErr().println("Try 'tenure " + commandName(failed) + "--help'.");
          return USAGE;
        });
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          if (exception instanceof ParameterException parameter) {
            commandLine.getErr().println("tenure: " + parameter.getMessage());
            commandLine.getErr().println("Try 'tenure " + commandName(commandLine) + "--help'.");
            return USAGE;
          }
          if (exception instanceof IllegalArgumentException) {
            commandLine.getErr().println("tenure: " + exception.getMessage());
            return USAGE;
          }
          commandLine.getErr().println("tenure: " + describe(exception));
          return configurationProblem(exception) ? USAGE : FAILURE;
        });
    return line;
  }

  /**
   * Adds to {@code tenure --help}, after the commands, every command's own subcommands ({@code
   * operations work}, ...) with the first line of their description, so that none is found only by
   * asking the command's help.
   */
  private static void listNestedCommands(CommandLine line) {
    List<String[]> rows = new ArrayList<>();
    for (CommandLine command : line.getSubcommands().values()) {
      for (var positional : command.getCommandSpec().positionalParameters()) {
        if (positional.paramLabel().equals("ACTION")) {
          rows.add(
              new String[] {
                command.getCommandName() + " ACTION", String.join(" ", positional.description())
              });
        }
      }
      for (CommandLine nested : command.getSubcommands().values()) {
        String[] description = nested.getCommandSpec().usageMessage().description();
        rows.add(
            new String[] {
              command.getCommandName() + " " + nested.getCommandName(),
              description.length == 0 ? "" : description[0]
            });
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    String key = "nestedCommands";
    line.getHelpSectionMap()
        .put(
            key,
            help -> {
              int width = help.commandSpec().usageMessage().width();
              Help.TextTable table =
                  Help.TextTable.forColumns(
                      help.colorScheme(),
                      new Help.Column(24, 2, Help.Column.Overflow.SPAN),
                      new Help.Column(width - 24, 1, Help.Column.Overflow.WRAP));
              for (String[] row : rows) {
                table.addRowValues(row[0], row[1]);
              }
              return "Subcommands:" + System.lineSeparator() + table;
            });
    List<String> keys = new ArrayList<>(line.getHelpSectionKeys());
    keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, key);
    line.setHelpSectionKeys(keys);
  }

  /**
   * The subcommand path below {@code tenure}, e.g. {@code "operations discard "}; empty at the top.
   */
  private static String commandName(CommandLine commandLine) {
    StringBuilder path = new StringBuilder();
    for (CommandLine line = commandLine; line.getParent() != null; line = line.getParent()) {
      path.insert(0, line.getCommandName() + " ");
    }
    return path.toString();
  }

  /** Whether the failure is (or was caused by) a problem in the configuration file. */
  private static boolean configurationProblem(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigurationException) {
        return true;
      }
    }
    return false;
  }

  /** The message a person needs: configuration problems listed, else the most specific cause. */
  static String describe(Throwable exception) {
    Throwable cause = exception;
    while (cause != null) {
      if (cause instanceof ConfigurationException configuration) {
        return "the configuration has problems:"
            + System.lineSeparator()
            + "  "
            + String.join(System.lineSeparator() + "  ", configuration.problems());
      }
      cause = cause.getCause();
    }
    Throwable specific = NestedExceptionUtils.getMostSpecificCause(exception);
    String message = specific.getMessage();
    return message == null ? specific.getClass().getSimpleName() : message;
  }

  /** The version {@code --version} prints. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TenureCli.class.getPackage().getImplementationVersion();
      return new String[] {"tenure " + (version == null ? "(development build)" : version)};
    }
  }
}
