package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationVersionsTest {

  @Test
  void everyMigrationFileIsFoundOnTheClassPath() throws Exception {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> listing = Files.list(Path.of("src/main/resources/db/migration"))) {
      listing.forEach(
          file -> {
            String name = file.getFileName().toString();
            files.add(name.substring(1, name.indexOf("__")).replace('_', '.'));
          });
    }
    assertThat(files).contains("1");
    assertThat(JdbcStore.migrationVersions()).isEqualTo(files);
  }
}
