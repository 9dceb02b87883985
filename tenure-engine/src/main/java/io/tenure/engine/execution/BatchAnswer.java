package io.tenure.engine.execution;

import io.tenure.connector.spi.BatchResult;
import io.tenure.core.account.KnownAccount;
import java.util.Optional;

/**
 * What a batch gives one of its operations: the result of its main call, and the account as Tenure
 * knew it when the call was made (read for the whole batch at once, as a single run reads it before
 * its call).
 */
record BatchAnswer(BatchResult result, Optional<KnownAccount> before) {}
