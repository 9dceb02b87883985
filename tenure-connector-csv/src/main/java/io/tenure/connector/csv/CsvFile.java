package io.tenure.connector.csv;

import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ErrorKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV file of one target. Every change streams the current file into a temporary file in the
 * same folder, applying the change to one row, then forces it to disk and renames it over the file
 * atomically, so that a reader sees the old file or the new one, never a part. Changes to one file
 * from every connector in this JVM are serialized by a lock per file.
 */
final class CsvFile {

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final String key;
  private final char delimiter;
  private final List<String> required;
  private final ReentrantLock lock;

  CsvFile(Path file, String key, char delimiter, List<String> required) {
    this.file = file;
    this.key = key;
    this.delimiter = delimiter;
    this.required = List.copyOf(required);
    this.lock = LOCKS.computeIfAbsent(file, path -> new ReentrantLock(true));
  }

  Path path() {
    return file;
  }

  /** Opens the rows for reading; the caller closes them. */
  CsvRows rows() {
    return CsvRows.open(file, delimiter, required);
  }

  /**
   * Changes the row whose key is {@code name}. {@code change} receives its cells (empty when no row
   * has that key) and returns the new cells (empty to remove the row, or to add none); it may throw
   * to abandon the change, leaving the file as it was. The file is written only when the result
   * differs.
   */
  void change(
      String name, Function<Optional<Map<String, String>>, Optional<Map<String, String>>> change) {
    lock.lock();
    try {
      changeLocked(name, change);
    } finally {
      lock.unlock();
    }
  }

  private void changeLocked(
      String name, Function<Optional<Map<String, String>>, Optional<Map<String, String>>> change) {
    Path folder = file.getParent();
    Path temporary;
    try {
      temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw failure("cannot create a temporary file in " + folder, e);
    }
    boolean moved = false;
    try {
      boolean changed;
      try (CsvRows rows = rows();
          FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
          CSVPrinter printer =
              new CSVPrinter(
                  new BufferedWriter(
                      new OutputStreamWriter(
                          Channels.newOutputStream(channel), StandardCharsets.UTF_8)),
                  CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
        List<String> header = rows.header();
        printer.printRecord(header);
        boolean matched = false;
        changed = false;
        while (rows.hasNext()) {
          CsvRow row = rows.next();
          if (!matched && row.cell(key).equals(name)) {
            matched = true;
            Optional<Map<String, String>> result = change.apply(Optional.of(row.cells()));
            changed = !result.equals(Optional.of(row.cells()));
            if (result.isPresent()) {
              print(printer, header, result.get());
            }
          } else {
            print(printer, header, row.cells());
          }
        }
        if (!matched) {
          Optional<Map<String, String>> added = change.apply(Optional.empty());
          if (added.isPresent()) {
            changed = true;
            print(printer, header, added.get());
          }
        }
        printer.flush();
        channel.force(true);
      }
      if (changed) {
        keepPermissions(temporary);
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        moved = true;
        forceFolder(folder);
      }
    } catch (IOException e) {
      throw failure("cannot write " + file, e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // a stray temporary file is harmless; it is never read
        }
      }
    }
  }

  private static void print(CSVPrinter printer, List<String> header, Map<String, String> cells)
      throws IOException {
    List<String> values = new ArrayList<>(header.size());
    for (String column : header) {
      values.add(cells.getOrDefault(column, ""));
    }
    printer.printRecord(values);
  }

  private void keepPermissions(Path temporary) {
    PosixFileAttributeView original =
        Files.getFileAttributeView(file, PosixFileAttributeView.class);
    PosixFileAttributeView copy =
        Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
    if (original == null || copy == null || !Files.exists(file)) {
      return;
    }
    try {
      copy.setPermissions(original.readAttributes().permissions());
    } catch (IOException ignored) {
      // the new file keeps the temporary file's permissions
    }
  }

  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // some file systems cannot sync a folder; the rename itself is atomic
    }
  }

  static ConnectorException failure(String message, IOException e) {
    ErrorKind kind;
    if (e instanceof AccessDeniedException) {
      kind = ErrorKind.PERMISSION;
    } else if (e instanceof NoSuchFileException) {
      kind = ErrorKind.CONFIGURATION;
    } else {
      kind = ErrorKind.OTHER;
    }
    return new ConnectorException(kind, message + ": " + e, e);
  }
}
