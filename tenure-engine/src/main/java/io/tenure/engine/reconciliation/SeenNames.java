package io.tenure.engine.reconciliation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The account names read from a target, kept as 64-bit hashes: 8 bytes per account (8 MB for a
 * million), whatever the names' length. {@link #contains} never misses a name that was added; it
 * may answer true for a name that was not (two names with one hash: for a million names the chance
 * that any given absent name collides is about 5 in 10^14).
 */
final class SeenNames {

  private long[] hashes = new long[1024];
  private int size;
  private boolean sorted = true;

  void add(String name) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    hashes[size++] = hash(name);
    sorted = false;
  }

  boolean contains(String name) {
    if (!sorted) {
      Arrays.sort(hashes, 0, size);
      sorted = true;
    }
    return Arrays.binarySearch(hashes, 0, size, hash(name)) >= 0;
  }

  int size() {
    return size;
  }

  /** The bytes the hash array takes. */
  long bytes() {
    return 8L * hashes.length;
  }

  /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser to spread the bits. */
  static long hash(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
