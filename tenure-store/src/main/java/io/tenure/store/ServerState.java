package io.tenure.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the files of a data directory say about its server at one moment: the live postmaster named
 * by {@code postmaster.pid} (empty when there is no such file or its process is gone), whether a
 * live process holds the directory's lock (the keeper or the command that started the server), the
 * port, and whether PostgreSQL calls itself ready.
 */
record ServerState(Optional<ProcessHandle> postmaster, boolean lockHeld, int port, boolean ready) {

  static final String PID_FILE = "postmaster.pid";
  static final String LOCK_FILE = "epg-lock";

  /** Reads the state of {@code directory} now. */
  static ServerState of(Path directory) throws IOException {
    boolean lockHeld =
        Files.exists(directory.resolve(LOCK_FILE))
            && EmbeddedPostgresServer.lockHeldByLiveProcess(directory);
    List<String> lines;
    try {
      lines = Files.readAllLines(directory.resolve(PID_FILE));
    } catch (NoSuchFileException e) {
      return new ServerState(Optional.empty(), lockHeld, 0, false);
    }
    Optional<ProcessHandle> postmaster = EmbeddedPostgresServer.livePostmaster(lines);
    int port = 0;
    if (lines.size() > 3) {
      try {
        port = Integer.parseInt(lines.get(3).trim());
      } catch (NumberFormatException e) {
        port = 0;
      }
    }
    // line 8 of postmaster.pid: "starting", "ready", "stopping" or "standby"
    boolean ready = lines.size() > 7 && lines.get(7).trim().equals("ready");
    return new ServerState(postmaster, lockHeld, port, ready);
  }
}
