package io.tenure.store;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/** The durable queue on the embedded PostgreSQL. */
class EmbeddedPostgresQueueIT extends QueueContract {

  private EmbeddedPostgresServer server;
  private Path directory;

  @Override
  protected DataSource openDatabase() throws Exception {
    directory = Files.createTempDirectory("tenure-queue-it");
    server = EmbeddedPostgresServer.start(directory.resolve("postgres"));
    return pooled(server.jdbcUrl(), server.username(), server.password());
  }

  @Override
  protected void closeDatabase() throws Exception {
    server.close();
    FileSystemUtils.deleteRecursively(directory);
  }
}
