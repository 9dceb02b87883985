package io.tenure.server.ingest;

import io.tenure.engine.ingest.SourceAccess;
import io.tenure.engine.ingest.SourceCheckpoints;
import io.tenure.engine.ingest.SourceReaders;
import io.tenure.engine.ingest.SourceRecordLocations;
import io.tenure.engine.ingest.SourceSnapshots;
import io.tenure.engine.store.StoreFingerprint;
import io.tenure.store.JdbcSourceCheckpoints;
import io.tenure.store.JdbcSourceRecordLocations;
import io.tenure.store.JdbcSourceSnapshots;
import io.tenure.store.JdbcStoreFingerprint;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * How imports reach the sources: the reader of every installed source type ({@code csv} built in,
 * {@code jdbc} and {@code ldap} from their modules, found through {@link java.util.ServiceLoader}),
 * and the store's memory of checkpoints and of the records people were last reported in.
 */
@Configuration(proxyBeanMethods = false)
@Lazy
class SourceConfiguration {

  @Bean
  SourceCheckpoints sourceCheckpoints(DataSource dataSource, Clock clock) {
    return new JdbcSourceCheckpoints(dataSource, clock);
  }

  @Bean
  SourceRecordLocations sourceRecordLocations(DataSource dataSource, Clock clock) {
    return new JdbcSourceRecordLocations(dataSource, clock);
  }

  @Bean
  SourceSnapshots sourceSnapshots(DataSource dataSource) {
    return new JdbcSourceSnapshots(dataSource);
  }

  @Bean
  StoreFingerprint storeFingerprint(DataSource dataSource) {
    return new JdbcStoreFingerprint(dataSource);
  }

  @Bean
  SourceAccess sourceAccess(SourceCheckpoints checkpoints, SourceRecordLocations locations) {
    return new SourceAccess(SourceReaders.load(), checkpoints, locations);
  }
}
