package io.tenure.engine.provisioning;

import io.tenure.engine.configuration.SourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The content hash and modification time of a file source's file. */
final class SourceFiles {

  private SourceFiles() {}

  /** A file's SHA-256 and last-modified time. */
  record FileState(String contentHash, Instant modifiedAt) {}

  /** The state of the source's file; empty for a source that is not a file, or a missing file. */
  static Optional<FileState> stateOf(SourceDefinition source) {
    if (!source.isFile()) {
      return Optional.empty();
    }
    Path file = source.file();
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return Optional.of(
          new FileState(
              HexFormat.of().formatHex(digest.digest()),
              Files.getLastModifiedTime(file).toInstant()));
    } catch (IOException e) {
      return Optional.empty(); // the import reports a missing or unreadable file
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
