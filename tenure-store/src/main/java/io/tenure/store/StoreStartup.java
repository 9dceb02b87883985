package io.tenure.store;

import io.tenure.engine.configuration.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Starts the store's server early: the embedded PostgreSQL starts (or is joined, when it stays up
 * between commands: {@link EmbeddedPostgresServer#open}) on a background thread while the
 * application context is being built, which shortens every command's start-up. For an external
 * store there is nothing to start.
 */
public final class StoreStartup implements AutoCloseable {

  private final StoreSettings settings;
  private final @Nullable CompletableFuture<EmbeddedPostgresServer> embedded;

  private StoreStartup(
      StoreSettings settings, @Nullable CompletableFuture<EmbeddedPostgresServer> embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  /**
   * Begins starting the store: the embedded server in {@code postgresDirectory} unless the settings
   * name an external PostgreSQL.
   */
  public static StoreStartup begin(StoreSettings settings, Path postgresDirectory) {
    return begin(settings, postgresDirectory, false);
  }

  /**
   * As {@link #begin(StoreSettings, Path)}; with {@code empty}, an embedded store is emptied (every
   * table dropped) before anything uses it, so that a story such as the demo starts afresh.
   */
  public static StoreStartup begin(StoreSettings settings, Path postgresDirectory, boolean empty) {
    if (settings.externalUrl().isPresent()) {
      return new StoreStartup(settings, null);
    }
    // logging is set up on this thread before the store's thread logs, so that SLF4J does not
    // replay (and warn about) calls made while it was being set up
    LoggerFactory.getILoggerFactory();
    return new StoreStartup(
        settings,
        CompletableFuture.supplyAsync(
            () -> {
              EmbeddedPostgresServer server =
                  EmbeddedPostgresServer.open(postgresDirectory, settings.embeddedIdleTimeout());
              if (empty) {
                emptySchema(server);
              }
              return server;
            }));
  }

  private static void emptySchema(EmbeddedPostgresServer server) {
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA public CASCADE");
      statement.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      server.close();
      throw new IllegalStateException("cannot empty the embedded store: " + e.getMessage(), e);
    }
  }

  /** Waits for the server and says how to reach it. */
  public StoreServer await() {
    if (embedded == null) {
      return new StoreServer(
          settings.externalUrl().orElseThrow(), settings.username(), settings.password(), null);
    }
    try {
      EmbeddedPostgresServer server = embedded.join();
      return new StoreServer(server.jdbcUrl(), server.username(), server.password(), server);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Stops the embedded server if it was started (waiting for the start to finish first). */
  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.join().close();
      } catch (CompletionException e) {
        // it never started: nothing to stop
      }
    }
  }

  /** Where the database is; stops the embedded server on close. */
  public record StoreServer(
      String url,
      @Nullable String username,
      @Nullable String password,
      @Nullable EmbeddedPostgresServer embedded)
      implements AutoCloseable {

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }

    @Override
    public String toString() {
      return "StoreServer[" + url + "]";
    }
  }
}
