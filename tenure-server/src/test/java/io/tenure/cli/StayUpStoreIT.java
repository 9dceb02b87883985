package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.server.TenureMain;
import io.tenure.store.EmbeddedStoreStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL stays up between commands: every command here is a process of its own
 * ({@code java -cp <this class path> io.tenure.server.TenureMain ...}, as {@code ./tenure} runs
 * it), with its own {@code TENURE_HOME} and {@code TENURE_STORE_IDLE_TIMEOUT}; each test stops what
 * it started.
 */
class StayUpStoreIT {

  private static final Duration COMMAND_WAIT = Duration.ofMinutes(3);

  @TempDir Path folder;
  private Path home;
  private Path data;

  @BeforeEach
  void configure() throws IOException {
    home = folder.resolve("home");
    data = home.resolve("postgres");
    Files.writeString(folder.resolve("tenure.yaml"), "targets: {}\n");
  }

  @AfterEach
  void stopWhatWasStarted() throws Exception {
    EmbeddedStoreStatus.stop(data);
    EmbeddedStoreStatus left = EmbeddedStoreStatus.of(data);
    if (left.postmaster().isPresent()) {
      ProcessHandle.of(left.postmaster().get())
          .ifPresent(
              postmaster -> {
                postmaster.destroy();
                postmaster.onExit().join();
              });
    }
  }

  @Test
  void theSecondCommandJoinsTheServerTheFirstLeftRunning() throws Exception {
    Ran first = tenure("PT2M", "plans", "--held");
    assertThat(first.code).as(first.toString()).isZero();
    assertThat(first.out).contains("No plan is held.");
    EmbeddedStoreStatus afterFirst = EmbeddedStoreStatus.of(data);
    assertThat(afterFirst.running()).as("the server outlives the command").isTrue();
    assertThat(afterFirst.keeper()).isPresent();
    long keeper = afterFirst.keeper().orElseThrow();
    assertThat(session(keeper)).as("the keeper runs in a session of its own").isEqualTo(keeper);
    long starts = serverStarts();

    Ran second = tenure("PT2M", "plans", "--held");

    assertThat(second.code).as(second.toString()).isZero();
    EmbeddedStoreStatus afterSecond = EmbeddedStoreStatus.of(data);
    assertThat(afterSecond.postmaster()).isEqualTo(afterFirst.postmaster());
    assertThat(afterSecond.keeper()).isEqualTo(afterFirst.keeper());
    assertThat(serverStarts()).as("the second command started no server").isEqualTo(starts);

    Ran status = tenure("PT2M", "store", "status");
    assertThat(status.out)
        .contains("runs (pid " + afterFirst.postmaster().orElseThrow())
        .contains("keeper pid " + keeper);
    Ran stop = tenure("PT2M", "store", "stop");
    assertThat(stop.code).as(stop.toString()).isZero();
    assertThat(stop.out).contains("Stopped the embedded store");
    assertThat(EmbeddedStoreStatus.of(data).running()).isFalse();
    assertThat(ProcessHandle.of(keeper).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void theServerStopsByItselfAfterTheIdleTimeout() throws Exception {
    Ran command = tenure("PT2S", "plans", "--held");
    assertThat(command.code).as(command.toString()).isZero();
    EmbeddedStoreStatus running = EmbeddedStoreStatus.of(data);
    assertThat(running.running()).isTrue();

    ProcessHandle postmaster = ProcessHandle.of(running.postmaster().orElseThrow()).orElseThrow();
    postmaster.onExit().get(60, TimeUnit.SECONDS);

    EmbeddedStoreStatus after = EmbeddedStoreStatus.of(data);
    assertThat(after.running()).isFalse();
    ProcessHandle keeper = ProcessHandle.of(running.keeper().orElseThrow()).orElse(null);
    if (keeper != null) {
      keeper.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(logFile())).contains("stopping the embedded PostgreSQL");
  }

  @Test
  void withTheIdleTimeoutOffTheServerStopsWithTheCommand() throws Exception {
    Ran command = tenure("0", "plans", "--held");

    assertThat(command.code).as(command.toString()).isZero();
    assertThat(EmbeddedStoreStatus.of(data).running()).isFalse();
  }

  @Test
  void afterTheServerIsKilledTheNextCommandStartsAFreshOneAndNothingIsLost() throws Exception {
    Ran created = tenure("PT2M", "token", "create", "--scope", "scim", "--name", "durable");
    assertThat(created.code).as(created.toString()).isZero();
    EmbeddedStoreStatus before = EmbeddedStoreStatus.of(data);
    ProcessHandle postmaster = ProcessHandle.of(before.postmaster().orElseThrow()).orElseThrow();
    kill9(postmaster.pid());
    postmaster.onExit().get(30, TimeUnit.SECONDS);

    Ran listed = tenure("PT2M", "token", "list");

    assertThat(listed.code).as(listed.toString()).isZero();
    assertThat(listed.out).contains("durable");
    EmbeddedStoreStatus after = EmbeddedStoreStatus.of(data);
    assertThat(after.running()).isTrue();
    assertThat(after.postmaster()).isNotEqualTo(before.postmaster());
    assertThat(after.keeper()).isPresent().isNotEqualTo(before.keeper());
  }

  @Test
  void afterTheKeeperIsKilledTheNextCommandStartsAFreshServer() throws Exception {
    Ran created = tenure("PT2M", "token", "create", "--scope", "scim", "--name", "kept");
    assertThat(created.code).as(created.toString()).isZero();
    EmbeddedStoreStatus before = EmbeddedStoreStatus.of(data);
    ProcessHandle keeper = ProcessHandle.of(before.keeper().orElseThrow()).orElseThrow();
    kill9(keeper.pid());
    keeper.onExit().get(30, TimeUnit.SECONDS);

    Ran listed = tenure("PT2M", "token", "list");

    assertThat(listed.code).as(listed.toString()).isZero();
    assertThat(listed.out).contains("kept");
    EmbeddedStoreStatus after = EmbeddedStoreStatus.of(data);
    assertThat(after.postmaster()).isPresent().isNotEqualTo(before.postmaster());
    assertThat(after.keeper()).isPresent().isNotEqualTo(before.keeper());
    assertThat(ProcessHandle.of(before.postmaster().orElseThrow()).map(ProcessHandle::isAlive))
        .as("the stale server was stopped")
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void afterACommandIsKilledMidUseTheNextOneJoinsTheSameServer() throws Exception {
    Process worker = start("PT2M", "operations", "work", "--follow");
    try {
      String line = firstLine(worker.getInputStream());
      assertThat(line).contains("is running until stopped");
      EmbeddedStoreStatus during = EmbeddedStoreStatus.of(data);
      assertThat(during.running()).isTrue();
      kill9(worker.pid());
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Ran next = tenure("PT2M", "plans", "--held");

      assertThat(next.code).as(next.toString()).isZero();
      assertThat(EmbeddedStoreStatus.of(data).postmaster()).isEqualTo(during.postmaster());
    } finally {
      worker.destroyForcibly();
    }
  }

  private long serverStarts() throws IOException {
    return Files.readAllLines(logFile()).stream()
        .filter(line -> line.contains("database system is ready to accept connections"))
        .count();
  }

  private Path logFile() {
    return home.resolve("postgres.log");
  }

  /** The session id of a process (field 6 of /proc/PID/stat). */
  private static long session(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }

  private static void kill9(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private Process start(String idleTimeout, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TenureMain.class.getName());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    builder.environment().put("TENURE_HOME", home.toString());
    builder.environment().put("TENURE_STORE_IDLE_TIMEOUT", idleTimeout);
    return builder.start();
  }

  /**
   * Runs a command to its end and reads its output to the end of the streams: a keeper or server
   * left holding the command's output would keep the streams open, and this would time out.
   */
  private Ran tenure(String idleTimeout, String... arguments) throws Exception {
    Process process = start(idleTimeout, arguments);
    process.getOutputStream().close();
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    boolean ended = process.waitFor(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("tenure " + String.join(" ", arguments) + " ended").isTrue();
    return new Ran(
        process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        });
  }

  private static String firstLine(InputStream stream) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              StringBuilder line = new StringBuilder();
              try {
                int next;
                while ((next = stream.read()) != -1 && next != '\n') {
                  line.append((char) next);
                }
              } catch (IOException e) {
                line.append("(unreadable: ").append(e.getMessage()).append(')');
              }
              return line.toString();
            })
        .get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private record Ran(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
