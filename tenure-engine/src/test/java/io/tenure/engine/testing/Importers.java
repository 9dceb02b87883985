package io.tenure.engine.testing;

import io.tenure.core.source.AttributeAuthority;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.ingest.IdentityImporter;
import io.tenure.engine.store.Transactions;
import java.time.Clock;
import java.util.List;

/** Importers over the test's stores, as the tests of importing build them. */
public final class Importers {

  private Importers() {}

  /**
   * An importer of files into these stores, with ids in sequence and the default lifecycle, taking
   * each attribute from the first of {@code authority} that knows it.
   */
  public static IdentityImporter of(
      IdentityRepository identities,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      String... authority) {
    return new IdentityImporter(
        identities,
        audit,
        transactions,
        new SequentialIds(),
        clock,
        LifecycleSettings.defaults(),
        AttributeAuthority.inOrder(List.of(authority)));
  }
}
