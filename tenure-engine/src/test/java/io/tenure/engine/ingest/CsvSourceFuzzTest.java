package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tenure.core.source.RecordProblem;
import io.tenure.core.source.SourceRecord;
import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz test of the CSV source reader: 10,000 files of valid rows mixed with hostile bytes
 * (NULs, control characters, stray quotes, separators, broken UTF-8, very long values, empty and
 * ragged lines). Whatever the bytes, reading never crashes: the file is either refused as a whole
 * with a {@link SourceFileException} (a header it cannot use), or every row comes out accepted with
 * clean values or rejected with problems naming the file and a line of it. Set {@code
 * -Dtenure.fuzz.seed=N} to replay a failure; the seed is printed when one fails.
 */
class CsvSourceFuzzTest {

  private static final int CASES = Integer.getInteger("tenure.fuzz.cases", 10_000);
  private static final String[] HOSTILE = {
    "\u0000",
    "\u0007",
    "\u001B[31m",
    "\u007F",
    "\u0085",
    "\"",
    "\"\"",
    ",",
    ";",
    "\r",
    "\n",
    "\t",
    "é",
    "李",
    "\uD83D\uDE00",
    "=cmd|' /C calc'!A0",
    "' or 1=1 --",
    "${env:HOME}",
    "%00",
    "\\",
    "\\\\,",
    " ",
    ""
  };

  @TempDir Path folder;

  @Test
  void noFileOfHostileBytesCrashesTheReaderAndEveryRejectedRowIsNamed() throws IOException {
    long seed = Long.getLong("tenure.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    Path file = folder.resolve("people.csv");
    SourceDefinition source = Sources.hr(file);
    long rows = 0;
    long rejected = 0;
    for (int index = 0; index < CASES; index++) {
      byte[] content = hostileFile(random);
      Files.write(file, content);
      try (Stream<SourceRow> read = new CsvSourceReader(source).read()) {
        for (SourceRow row : (Iterable<SourceRow>) read::iterator) {
          rows++;
          if (row.isAccepted()) {
            assertClean(row.record(), seed, index);
          } else {
            rejected++;
            assertThat(row.problems()).as(replay(seed, index)).isNotEmpty();
            for (RecordProblem problem : row.problems()) {
              assertThat(problem.render()).as(replay(seed, index)).startsWith("people.csv:");
            }
          }
        }
      } catch (SourceFileException refused) {
        assertThat(refused.problem().render()).as(replay(seed, index)).startsWith("people.csv");
      } catch (RuntimeException crash) {
        fail(replay(seed, index) + ": the reader crashed on " + printable(content), crash);
      }
    }
    assertThat(rows).as("rows read over %d files", CASES).isPositive();
    assertThat(rejected).as("hostile rows rejected").isPositive();
  }

  private static void assertClean(SourceRecord record, long seed, int index) {
    for (Map.Entry<String, String> attribute : record.attributes().entrySet()) {
      String value = attribute.getValue();
      for (int offset = 0; offset < value.length(); offset++) {
        char character = value.charAt(offset);
        boolean allowed = character == '\t' || character == '\n' || character == '\r';
        if (!allowed && (Character.isISOControl(character))) {
          fail(
              replay(seed, index)
                  + ": control character U+%04X reached attribute %s"
                      .formatted((int) character, attribute.getKey()));
        }
        if (character == '\uFFFD') {
          fail(replay(seed, index) + ": a replacement character reached " + attribute.getKey());
        }
      }
    }
  }

  private static byte[] hostileFile(Random random) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(20) == 0) {
      out.write(randomBytes(random, random.nextInt(200)));
      return out.toByteArray();
    }
    out.write(Sources.HEADER.getBytes(StandardCharsets.UTF_8));
    int lines = random.nextInt(8);
    for (int line = 0; line < lines; line++) {
      List<String> fields =
          new java.util.ArrayList<>(
              List.of(
                  "E" + random.nextInt(1000),
                  "First",
                  "Last",
                  "p@example.com",
                  "Sales",
                  random.nextBoolean() ? "active" : "terminated",
                  "2024-01-01",
                  ""));
      int mutations = random.nextInt(4);
      for (int mutation = 0; mutation < mutations; mutation++) {
        int field = random.nextInt(fields.size());
        fields.set(field, mutate(random, fields.get(field)));
      }
      if (random.nextInt(10) == 0) {
        fields.remove(random.nextInt(fields.size()));
      }
      out.write(String.join(",", fields).getBytes(StandardCharsets.UTF_8));
      if (random.nextInt(10) == 0) {
        out.write(randomBytes(random, 1 + random.nextInt(6)));
      }
      out.write(random.nextInt(5) == 0 ? "\r\n".getBytes(StandardCharsets.UTF_8) : new byte[] {10});
    }
    return out.toByteArray();
  }

  private static String mutate(Random random, String value) {
    return switch (random.nextInt(5)) {
      case 0 -> value + HOSTILE[random.nextInt(HOSTILE.length)];
      case 1 -> HOSTILE[random.nextInt(HOSTILE.length)] + value;
      case 2 -> "\"" + value + HOSTILE[random.nextInt(HOSTILE.length)] + "\"";
      case 3 -> "x".repeat(random.nextInt(5000));
      default -> HOSTILE[random.nextInt(HOSTILE.length)];
    };
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String replay(long seed, int index) {
    return "case " + index + " (replay with -Dtenure.fuzz.seed=" + seed + ")";
  }

  private static String printable(byte[] content) {
    StringBuilder text = new StringBuilder();
    for (int index = 0; index < Math.min(content.length, 300); index++) {
      text.append(String.format("%02x", content[index]));
    }
    return text.toString();
  }
}
