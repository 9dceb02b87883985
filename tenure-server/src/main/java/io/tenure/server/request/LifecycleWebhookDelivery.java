package io.tenure.server.request;

import io.tenure.engine.ingest.LifecycleListener;
import io.tenure.governance.request.LifecycleWebhooks;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle webhooks of an import: written to the outbox in the import's transaction ({@link
 * LifecycleWebhooks}), then, once that transaction has committed, the due deliveries are sent at
 * once (in a transaction of their own). A transaction that rolls back (a preview, a refused plan)
 * leaves nothing and sends nothing; a delivery that fails stays in the outbox for its retries.
 */
final class LifecycleWebhookDelivery implements LifecycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleWebhookDelivery.class);

  private final LifecycleWebhooks writer;
  private final TransactionSynchronization deliverAfterCommit;

  LifecycleWebhookDelivery(
      LifecycleWebhooks writer, WebhookNotifier webhooks, PlatformTransactionManager manager) {
    this.writer = writer;
    TransactionTemplate separate = new TransactionTemplate(manager);
    separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.deliverAfterCommit =
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            try {
              separate.executeWithoutResult(status -> webhooks.deliverDue());
            } catch (RuntimeException e) {
              LOG.warn("lifecycle webhooks stay in the outbox for their retries: {}", e.toString());
            }
          }
        };
  }

  @Override
  public void recorded(List<Recorded> recorded) {
    if (writer.write(recorded) > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
      // a set: one delivery run per transaction, however many batches it holds
      TransactionSynchronizationManager.registerSynchronization(deliverAfterCommit);
    }
  }
}
