package io.tenure.store;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much memory the embedded PostgreSQL works with: its buffer cache ({@code shared_buffers}) and
 * how much write-ahead log it lets grow between checkpoints ({@code max_wal_size}).
 *
 * <p>PostgreSQL's defaults (128 MB of cache, a checkpoint every GB of log) are sized for a server
 * that shares a small machine with anything; a Tenure store of 100,000 people holds about 1.5 GB
 * (the operations of a first load alone 480 MB), so with the default cache every recording of an
 * initial load read and wrote its pages through the operating system, and each early checkpoint
 * made the next change of every page write the whole page to the log again. The cache is an eighth
 * of the machine's memory (as the JVM sees it, a container's limit included), at least the 128 MB
 * default and at most 1 GB, so that Tenure's own JVM and the directory it writes to keep the rest;
 * {@code TENURE_STORE_SHARED_BUFFERS} (a size such as {@code 512MB} or {@code 2GB}) sets it
 * instead. The log may grow to 4 GB between checkpoints (the time between them stays the default
 * five minutes).
 *
 * @param sharedBuffers the cache, as PostgreSQL reads the setting (megabytes, {@code 256MB})
 * @param maxWalSize the log between checkpoints, as PostgreSQL reads it
 */
public record EmbeddedServerMemory(String sharedBuffers, String maxWalSize) {

  /** The variable that sets the cache instead of the machine's memory. */
  public static final String SHARED_BUFFERS_VARIABLE = "TENURE_STORE_SHARED_BUFFERS";

  static final long MEBIBYTE = 1024L * 1024L;
  static final long SMALLEST_CACHE = 128 * MEBIBYTE;
  static final long LARGEST_CACHE = 1024 * MEBIBYTE;
  static final String MAX_WAL_SIZE = "4GB";

  private static final Pattern SIZE =
      Pattern.compile("([1-9][0-9]{0,6})\\s*(MB|GB)", Pattern.CASE_INSENSITIVE);

  /**
   * The settings for a machine with {@code physicalMemory} bytes, or with the cache {@code
   * environment} gives {@link #SHARED_BUFFERS_VARIABLE} (blank: as if not set).
   *
   * @throws IllegalArgumentException when the variable is set to something that is not a size of at
   *     least 128 MB in MB or GB (the message names the variable and the value)
   */
  public static EmbeddedServerMemory of(long physicalMemory, Function<String, String> environment) {
    String chosen = environment.apply(SHARED_BUFFERS_VARIABLE);
    if (chosen != null && !chosen.isBlank()) {
      return new EmbeddedServerMemory(megabytes(parse(chosen.strip())), MAX_WAL_SIZE);
    }
    long cache = Math.max(SMALLEST_CACHE, Math.min(LARGEST_CACHE, physicalMemory / 8));
    return new EmbeddedServerMemory(megabytes(cache), MAX_WAL_SIZE);
  }

  /** The settings for this machine and this process's environment. */
  public static EmbeddedServerMemory ofThisMachine() {
    return of(physicalMemory(), System::getenv);
  }

  /**
   * The machine's memory as the JVM sees it (a container's limit included), or 0 when the JVM does
   * not tell (the smallest cache then).
   */
  static long physicalMemory() {
    OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
    if (system instanceof com.sun.management.OperatingSystemMXBean detailed) {
      return detailed.getTotalMemorySize();
    }
    return 0;
  }

  private static long parse(String value) {
    Matcher matcher = SIZE.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          SHARED_BUFFERS_VARIABLE + ": '" + value + "' is not a size such as 512MB or 2GB");
    }
    long amount = Long.parseLong(matcher.group(1));
    long bytes =
        matcher.group(2).toUpperCase(Locale.ROOT).equals("GB")
            ? amount * 1024 * MEBIBYTE
            : amount * MEBIBYTE;
    if (bytes < SMALLEST_CACHE) {
      throw new IllegalArgumentException(
          SHARED_BUFFERS_VARIABLE + ": '" + value + "' is less than the 128MB the store needs");
    }
    return bytes;
  }

  private static String megabytes(long bytes) {
    return bytes / MEBIBYTE + "MB";
  }
}
