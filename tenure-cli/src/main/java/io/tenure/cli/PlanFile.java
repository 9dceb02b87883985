package io.tenure.cli;

import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.execution.OperationCodec;
import io.tenure.engine.provisioning.PlanBasis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reviewed plan saved by {@code tenure plan --out FILE}, which {@code tenure apply FILE} executes
 * exactly: the sources it was made from (one, with its file, or all), the day it was made for, what
 * it was made from ({@link PlanBasis}: the store's fingerprint and the sources' content hashes),
 * and its changes, each an operation with its reason as the plan showed it. JSON, format {@value
 * #FORMAT}.
 *
 * @param source the one source it imported, or null for every configured source
 * @param file the file read for that source instead of its configured one, or null
 * @param allowOlder whether the plan was made with {@code --allow-older}
 * @param today the day the plan was made for
 * @param createdAt when it was made
 * @param basis the store and source state it was made from
 * @param changes each operation and its reason, in plan order
 */
record PlanFile(
    @Nullable String source,
    @Nullable Path file,
    boolean allowOlder,
    LocalDate today,
    Instant createdAt,
    PlanBasis basis,
    List<String> changes) {

  static final String FORMAT = "tenure-plan/1";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final OperationCodec CODEC = new OperationCodec(MAPPER);

  PlanFile {
    changes = List.copyOf(changes);
  }

  /** The changes of a plan as a saved plan lists them: what, and why. */
  static List<String> changesOf(Plan plan) {
    List<String> changes = new ArrayList<>(plan.size());
    for (Operation operation : plan.operations()) {
      changes.add(operation.describe() + " because " + operation.reason().render());
    }
    return changes;
  }

  /**
   * Writes the plan file (to a temporary file, then moved over {@code path}), with the plan's
   * operations in full for people and tools.
   */
  void write(Path path, Plan plan) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("createdAt", createdAt.toString());
    root.put("today", today.toString());
    root.put("source", source);
    root.put("file", file == null ? null : file.toString());
    root.put("allowOlder", allowOlder);
    ObjectNode made = root.putObject("madeFrom");
    made.put("store", basis.store());
    ObjectNode sources = made.putObject("sources");
    basis.sources().forEach(sources::put);
    ArrayNode listed = root.putArray("changes");
    changes.forEach(listed::add);
    ArrayNode operations = root.putArray("operations");
    plan.operations().forEach(operation -> operations.add(CODEC.toTree(operation)));
    try {
      Path absolute = path.toAbsolutePath();
      Path temporary = Files.createTempFile(absolute.getParent(), ".tenure-plan", ".tmp");
      Files.writeString(
          temporary,
          MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
          StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan to " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a plan file.
   *
   * @throws IllegalArgumentException naming the file when it is missing or is not a Tenure plan
   */
  static PlanFile read(Path path) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the plan file " + path + ": " + e, e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          path + " is not a plan file of tenure plan --out: " + e.getOriginalMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asString(""))) {
      throw new IllegalArgumentException(
          path + " is not a plan file of tenure plan --out (format " + FORMAT + ")");
    }
    Map<String, String> sources = new TreeMap<>();
    root.path("madeFrom")
        .path("sources")
        .properties()
        .forEach(entry -> sources.put(entry.getKey(), entry.getValue().asString("")));
    List<String> changes = new ArrayList<>();
    root.path("changes").forEach(change -> changes.add(change.asString("")));
    try {
      return new PlanFile(
          text(root, "source"),
          text(root, "file") == null ? null : Path.of(text(root, "file")),
          root.path("allowOlder").asBoolean(false),
          LocalDate.parse(root.path("today").asString("")),
          Instant.parse(root.path("createdAt").asString("")),
          new PlanBasis(root.path("madeFrom").path("store").asString(""), sources),
          changes);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          path + " is not a complete plan file: " + e.getMessage(), e);
    }
  }

  private static @Nullable String text(JsonNode root, String field) {
    JsonNode value = root.path(field);
    return value.isString() ? value.asString() : null;
  }
}
