package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.configuration.TenureHome;
import io.tenure.server.TenureLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Every {@code tenure ...} command the README and docs/ show parses: the command, its subcommands
 * and options exist and take the values shown. Examples are the lines of code blocks that start
 * with {@code ./tenure} (up to a {@code #} comment) and inline code that starts with {@code tenure}
 * or {@code ./tenure}; placeholders in capitals ({@code PLAN}, {@code ID}, {@code TEXT}) are
 * replaced by sample values, and {@code [optional]} brackets dropped.
 */
class DocumentedCommandsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern INLINE = Pattern.compile("`(\\./)?(tenure [^`]+)`");
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z_]*");
  private static final Map<String, String> SAMPLES =
      Map.of("ID", "42", "N", "10", "PORT", "8080", "PLAN", "3f2a9c1e", "COMMAND", "plan");

  /** A documented command: where it is written and its words. */
  record Example(String place, List<String> words) {}

  @Test
  void everyDocumentedCommandParses() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).as("examples found").hasSizeGreaterThan(30);
    List<String> failures = new ArrayList<>();
    for (Example example : examples) {
      CommandLine line = TenureCli.commandLine(environment());
      try {
        line.parseArgs(example.words().toArray(String[]::new));
      } catch (ParameterException e) {
        failures.add(
            example.place()
                + ": tenure "
                + String.join(" ", example.words())
                + ": "
                + e.getMessage());
      }
    }
    assertThat(failures).as("documented commands that do not parse").isEmpty();
  }

  @Test
  void aCommandThatDoesNotExistWouldBeFound() {
    CommandLine line = TenureCli.commandLine(environment());
    Example wrong = example("README.md:1", "tenure resume PLAN --why TEXT");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> line.parseArgs(wrong.words().toArray(String[]::new)))
        .isInstanceOf(ParameterException.class);
  }

  @Test
  void everyLinkedFileAndNamedToolExists() throws IOException {
    List<String> missing = new ArrayList<>();
    Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    Pattern tool = Pattern.compile("`(tools/[^` ]+|bench/[^` ]*|\\.ci/[^` ]+)`");
    for (Path file : documents()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher links = link.matcher(text);
      while (links.find()) {
        if (!Files.exists(file.getParent().resolve(links.group(1)))) {
          missing.add(ROOT.relativize(file) + ": " + links.group(1));
        }
      }
      Matcher tools = tool.matcher(text);
      while (tools.find()) {
        if (!Files.exists(ROOT.resolve(tools.group(1)))) {
          missing.add(ROOT.relativize(file) + ": " + tools.group(1));
        }
      }
    }
    assertThat(missing).as("files the documentation links to or names").isEmpty();
  }

  /**
   * The README's {@code tenure.yaml} examples are whole files and load as they are (every variable
   * set, expressions compiled), except a block whose first line says it is a fragment; the
   * fragments in docs/ (one target, one source) are not checked.
   */
  @Test
  void everyConfigurationTheReadmeShowsLoads() throws IOException {
    io.tenure.configuration.YamlConfigurationLoader loader =
        TenureLauncher.INSTANCE.loader(name -> "value-of-" + name);
    List<String> failures = new ArrayList<>();
    int loaded = 0;
    for (Path file : List.of(ROOT.resolve("README.md"))) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int index = 0; index < lines.size(); index++) {
        if (!lines.get(index).strip().equals("```yaml")) {
          continue;
        }
        int start = index + 1;
        StringBuilder yaml = new StringBuilder();
        for (index = start;
            index < lines.size() && !lines.get(index).strip().equals("```");
            index++) {
          yaml.append(lines.get(index)).append('\n');
        }
        if (yaml.toString().startsWith("# a fragment")) {
          continue; // says so in its first line: keys to add to a whole file, not a whole file
        }
        try {
          loader.parse(yaml.toString(), ROOT.relativize(file) + ":" + start, file.getParent());
          loaded++;
        } catch (io.tenure.configuration.ConfigurationException e) {
          failures.add(String.join("\n  ", e.problems()));
        }
      }
    }
    assertThat(failures).as("README tenure.yaml examples that do not load").isEmpty();
    assertThat(loaded).isGreaterThanOrEqualTo(2);
  }

  static List<Path> documents() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  static List<Example> examples() throws IOException {
    List<Path> files = documents();
    List<Example> examples = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean inBlock = false;
      for (int index = 0; index < lines.size(); index++) {
        String line = lines.get(index);
        String place = ROOT.relativize(file) + ":" + (index + 1);
        if (line.strip().startsWith("```")) {
          inBlock = !inBlock;
          continue;
        }
        if (inBlock) {
          String code = line.strip();
          if (code.startsWith("./tenure ")) {
            int comment = code.indexOf(" #");
            String command = comment < 0 ? code : code.substring(0, comment);
            // what the shell does with the output is not the command's
            Matcher redirection = Pattern.compile("\\s(>|>>|2>|\\|)\\s").matcher(command);
            if (redirection.find()) {
              command = command.substring(0, redirection.start());
            }
            for (String each : command.split(",\\s*(?=\\./tenure )")) {
              examples.add(example(place, each.strip().substring(2)));
            }
          }
          continue;
        }
        Matcher inline = INLINE.matcher(line);
        while (inline.find()) {
          examples.add(example(place, inline.group(2)));
        }
      }
    }
    return examples;
  }

  /** The words after {@code tenure}, placeholders replaced and optional brackets dropped. */
  static Example example(String place, String command) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(command);
    while (word.find()) {
      String text =
          word.group(1) != null
              ? word.group(1)
              : word.group(2) != null ? word.group(2) : word.group(3);
      if (word.group(3) != null) {
        text = text.replace("[", "").replace("]", "").replace("(", "").replace(")", "");
        if (text.isEmpty() || text.equals("|") || text.equals("...")) {
          continue;
        }
        int equals = text.indexOf('=');
        String value = equals < 0 ? text : text.substring(equals + 1);
        if (PLACEHOLDER.matcher(value).matches()) {
          String sample = SAMPLES.getOrDefault(value, "sample");
          text = equals < 0 ? sample : text.substring(0, equals + 1) + sample;
        }
      }
      words.add(text);
    }
    words.remove(0);
    return new Example(place, words);
  }

  private static CliEnvironment environment() {
    return new CliEnvironment(
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        Terminal.none(),
        name -> null,
        new TenureHome(Path.of("unused-home")),
        Clock.systemUTC(),
        TenureLauncher.INSTANCE,
        UnaryOperator.identity());
  }
}
