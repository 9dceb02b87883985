package io.tenure.store;

import io.tenure.engine.configuration.TenureHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * What makes the audit trail trustworthy to someone who does not trust the database: the key of the
 * chain's HMAC-SHA256, kept outside the store, and checkpoints of the chain's head (sequence and
 * hash, signed with the same key) written outside the store after every commit that extends the
 * chain. Whoever can write the database but lacks the key can neither rewrite a record and
 * recompute the chain, nor delete the newest records unseen (the chain would end before the
 * checkpoint).
 *
 * <p>The key is {@value #KEY_VARIABLE} (hex, at least 32 bytes) when set, which every node of a
 * cluster must share; else the file {@code audit.key} in the Tenure home, generated on first use
 * and readable by its owner only. The checkpoint is the file {@code audit.checkpoint} in the home.
 */
public final class AuditSealing {

  /** The environment variable that gives the chain's key (hex). */
  public static final String KEY_VARIABLE = "TENURE_AUDIT_KEY";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CHECKPOINT_FORMAT = "tenure-audit-checkpoint-v1";

  private final byte[] key;
  private final @Nullable Path checkpointFile;

  /** Guards {@link #checkpointed} and {@link #newest}. */
  private final Object handedIn = new Object();

  /** The newest record known to be in the checkpoint file (-1: none yet). */
  private long checkpointed = -1;

  /** The newest head handed in and not yet taken by a writer. */
  private @Nullable Checkpoint newest;

  /** Held while the checkpoint file is read and replaced. */
  final ReentrantLock writing = new ReentrantLock();

  /** How many times this process replaced the checkpoint file (tests, diagnostics). */
  final AtomicLong writes = new AtomicLong();

  private AuditSealing(byte[] key, @Nullable Path checkpointFile) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the audit key must be at least 32 bytes");
    }
    this.key = key.clone();
    this.checkpointFile = checkpointFile;
  }

  /**
   * The sealing of a Tenure home: the key from {@value #KEY_VARIABLE} or the home's {@code
   * audit.key} (generated when missing), checkpoints in the home's {@code audit.checkpoint}.
   */
  public static AuditSealing forHome(
      TenureHome home, Function<String, @Nullable String> environment) {
    String given = environment.apply(KEY_VARIABLE);
    byte[] key;
    if (given != null && !given.isBlank()) {
      try {
        key = HexFormat.of().parseHex(given.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(KEY_VARIABLE + " must be hex (64 digits or more)", e);
      }
    } else {
      key = keyFile(home.path().resolve("audit.key"));
    }
    return new AuditSealing(key, home.path().resolve("audit.checkpoint"));
  }

  /** A random key and no checkpoints: for tests and tools whose chain only they verify. */
  public static AuditSealing ephemeral() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new AuditSealing(key, null);
  }

  /** A given key and checkpoint file (tests). */
  static AuditSealing of(byte[] key, @Nullable Path checkpointFile) {
    return new AuditSealing(key, checkpointFile);
  }

  private static byte[] keyFile(Path file) {
    try {
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      Files.createDirectories(file.getParent());
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the audit key " + file, e);
    }
  }

  /**
   * The keyed hash of a record: HMAC-SHA256 of the previous hash, a newline and its canonical form.
   */
  String hash(String previousHash, String canonical) {
    return hasher().hash(previousHash, canonical);
  }

  /**
   * A hasher of many records or texts with one {@link Mac} (for one thread: a chaining, a
   * verification, the tombstones of a chunk).
   */
  Hasher hasher() {
    return new Hasher(newMac());
  }

  /**
   * The keyed hashes of many records ({@link #hash}) with one keyed {@link Mac}, instead of looking
   * up and keying one per record. Not thread-safe: one per thread at a time.
   */
  static final class Hasher {

    private final Mac mac;

    private Hasher(Mac mac) {
      this.mac = mac;
    }

    /** The same as {@link AuditSealing#digest}. */
    String digest(String text) {
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same as {@link AuditSealing#hash}. */
    String hash(String previousHash, String canonical) {
      mac.update(previousHash.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '\n');
      return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** A checkpoint of the chain's head, as stored outside the database. */
  record Checkpoint(long sequence, String hash) {}

  /**
   * Writes a checkpoint of the chain's head if it is newer than the last one written here; the file
   * is replaced atomically (written to a temporary file, then renamed; not forced to the disk). A
   * failure is reported to the caller, who logs it (the chain itself is unharmed).
   *
   * <p>When this returns normally, the file holds a checkpoint of record {@code sequence} or of a
   * newer one, as before; but writes are grouped: threads that hand in their heads while another
   * thread writes the file wait for it, and the next of them writes the newest head handed in so
   * far, once for all of them (one write, not one per commit, under concurrent commits).
   */
  void checkpoint(long sequence, String hash) throws IOException {
    Path file = checkpointFile;
    if (file == null) {
      return;
    }
    synchronized (handedIn) {
      if (sequence <= checkpointed) {
        return;
      }
      if (newest == null || newest.sequence() < sequence) {
        newest = new Checkpoint(sequence, hash);
      }
    }
    writing.lock();
    try {
      Checkpoint head;
      synchronized (handedIn) {
        if (sequence <= checkpointed) {
          return; // a write while this thread waited covered its head
        }
        head = newest;
        newest = null;
      }
      // a writer that took this head and failed leaves it to its own thread
      write(
          file, head == null || head.sequence() < sequence ? new Checkpoint(sequence, hash) : head);
    } finally {
      writing.unlock();
    }
  }

  /** Writes the head unless the file holds a newer one; the caller holds {@link #writing}. */
  private void write(Path file, Checkpoint head) throws IOException {
    Optional<Checkpoint> stored = readCheckpoint();
    if (stored.isPresent() && stored.get().sequence() >= head.sequence()) {
      written(stored.get().sequence());
      return;
    }
    String line =
        CHECKPOINT_FORMAT
            + " "
            + head.sequence()
            + " "
            + head.hash()
            + " "
            + mac(signed(head.sequence(), head.hash()))
            + "\n";
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, line, StandardCharsets.US_ASCII);
    try {
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
    writes.incrementAndGet();
    written(head.sequence());
  }

  private void written(long sequence) {
    synchronized (handedIn) {
      checkpointed = Math.max(checkpointed, sequence);
    }
  }

  /**
   * The newest checkpoint, if one was written.
   *
   * @throws IllegalStateException naming the file when it is not a checkpoint this key signed
   */
  Optional<Checkpoint> readCheckpoint() {
    if (checkpointFile == null || !Files.exists(checkpointFile)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(checkpointFile, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit checkpoint " + checkpointFile, e);
    }
    String[] parts = text.split(" ");
    if (parts.length != 4 || !parts[0].equals(CHECKPOINT_FORMAT)) {
      throw new IllegalStateException(
          "the audit checkpoint " + checkpointFile + " is not a checkpoint Tenure wrote");
    }
    long sequence;
    try {
      sequence = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "the audit checkpoint " + checkpointFile + " is not a checkpoint Tenure wrote", e);
    }
    String expected = mac(signed(sequence, parts[2]));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalStateException(
          "the audit checkpoint "
              + checkpointFile
              + " is not signed with this audit key (altered, or another key)");
    }
    return Optional.of(new Checkpoint(sequence, parts[2]));
  }

  private static String signed(long sequence, String hash) {
    return CHECKPOINT_FORMAT + "\n" + sequence + "\n" + hash;
  }

  /**
   * The keyed digest (HMAC-SHA256, hex) of a text under the audit key: for values Tenure must
   * recognise later without keeping them (the tombstones of pseudonymised people).
   */
  String digest(String text) {
    return mac(text);
  }

  private String mac(String text) {
    return HexFormat.of().formatHex(newMac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "AuditSealing[key ******, checkpoints " + checkpointFile + "]";
  }
}
