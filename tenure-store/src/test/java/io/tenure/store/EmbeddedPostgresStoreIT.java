package io.tenure.store;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/** The store on the embedded PostgreSQL, in a fresh data directory. */
class EmbeddedPostgresStoreIT extends StoreContract {

  private EmbeddedPostgresServer server;
  private Path directory;

  @Override
  protected DataSource openDatabase() throws Exception {
    directory = Files.createTempDirectory("tenure-store-it");
    server = EmbeddedPostgresServer.start(directory.resolve("postgres"));
    return pooled(server.jdbcUrl(), server.username(), server.password());
  }

  @Override
  protected void closeDatabase() throws Exception {
    server.close();
    FileSystemUtils.deleteRecursively(directory);
  }
}
