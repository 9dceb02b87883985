package io.tenure.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

  @Test
  void theSchemaVersionIsTheNewestMigration() throws Exception {
    Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest = 0;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path file : files.toList()) {
        Matcher matcher = versioned.matcher(file.getFileName().toString());
        if (matcher.matches()) {
          newest = Math.max(newest, Integer.parseInt(matcher.group(1)));
        }
      }
    }
    assertThat(newest).isPositive();
    assertThat(JdbcStore.SCHEMA_VERSION).isEqualTo(Integer.toString(newest));
  }
}
