package io.tenure.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.store.AuditChaining;
import org.junit.jupiter.api.Test;

class StoreConfigurationTest {

  @Test
  void theAuditIsChainedInTheBackgroundUnlessAfterCommitIsAskedFor() {
    assertThat(StoreConfiguration.auditChaining(null)).isEqualTo(AuditChaining.IN_BACKGROUND);
    assertThat(StoreConfiguration.auditChaining("in-background"))
        .isEqualTo(AuditChaining.IN_BACKGROUND);
    assertThat(StoreConfiguration.auditChaining("after-commit"))
        .isEqualTo(AuditChaining.AFTER_COMMIT);
  }

  @Test
  void anUnknownValueIsRefusedWithThePropertyItCameFrom() {
    assertThatThrownBy(() -> StoreConfiguration.auditChaining("after_commit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tenure.audit.chaining: 'after_commit' is neither in-background nor after-commit");
  }
}
