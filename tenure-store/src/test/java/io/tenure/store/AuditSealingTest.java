package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: newest head kept, concurrent commits' checkpoints written together. */
class AuditSealingTest {

  private static final byte[] KEY = new byte[32];

  @TempDir Path home;

  @Test
  void headsHandedInWhileTheFileIsWrittenAreWrittenOnceTheNewestFirst() throws Exception {
    AuditSealing sealing = AuditSealing.of(KEY, home.resolve("audit.checkpoint"));
    sealing.checkpoint(1, "h1");
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> handedIn = new ArrayList<>();
      // a write in progress: the eight commits that come meanwhile wait for it
      sealing.writing.lock();
      try {
        for (int sequence = 2; sequence <= 9; sequence++) {
          long head = sequence;
          handedIn.add(
              threads.submit(
                  () -> {
                    sealing.checkpoint(head, "h" + head);
                    return null;
                  }));
        }
        while (sealing.writing.getQueueLength() < 8) {
          Thread.onSpinWait();
        }
      } finally {
        sealing.writing.unlock();
      }
      for (Future<?> future : handedIn) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(sealing.readCheckpoint()).contains(new AuditSealing.Checkpoint(9, "h9"));
    assertThat(sealing.writes.get()).as("the first head, then the eight together").isEqualTo(2);
  }

  @Test
  void anOlderHeadNeverReplacesANewerCheckpoint() throws Exception {
    Path file = home.resolve("audit.checkpoint");
    AuditSealing sealing = AuditSealing.of(KEY, file);
    sealing.checkpoint(5, "h5");
    // another process with the same home wrote a newer one
    AuditSealing other = AuditSealing.of(KEY, file);
    other.checkpoint(7, "h7");

    sealing.checkpoint(6, "h6");

    assertThat(sealing.readCheckpoint()).contains(new AuditSealing.Checkpoint(7, "h7"));
    assertThat(Files.readString(file)).contains(" 7 h7 ");
  }
}
