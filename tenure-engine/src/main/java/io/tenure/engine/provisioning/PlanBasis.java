package io.tenure.engine.provisioning;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan was made from: the store's fingerprint and, per source, the SHA-256 of its file's
 * content (empty for a source that is not a file, such as a table: its changes show as a changed
 * plan instead). A saved plan carries it; the plan is still valid while the basis is equal.
 *
 * @param store the store's fingerprint ({@link io.tenure.engine.store.StoreFingerprint})
 * @param sources per source name, the content hash of its file
 */
public record PlanBasis(String store, Map<String, String> sources) {

  public PlanBasis {
    sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
  }

  /**
   * Why a plan made from this basis is not valid on {@code now}, or null when it is: the first
   * source whose file changed, or the store.
   */
  public @org.jspecify.annotations.Nullable String differenceTo(PlanBasis now) {
    if (!sources.keySet().equals(now.sources().keySet())) {
      return "the plan was made from the sources "
          + sources.keySet()
          + ", not "
          + now.sources().keySet();
    }
    for (Map.Entry<String, String> source : sources.entrySet()) {
      if (!source.getValue().equals(now.sources().get(source.getKey()))) {
        return "source " + source.getKey() + ": its file changed since the plan was made";
      }
    }
    if (!store.equals(now.store())) {
      return "the store changed since the plan was made (an import, apply, reconciliation or"
          + " decision ran in between)";
    }
    return null;
  }
}
