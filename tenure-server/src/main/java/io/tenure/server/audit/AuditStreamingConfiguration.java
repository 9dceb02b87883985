package io.tenure.server.audit;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.store.Transactions;
import io.tenure.governance.streaming.AuditSink;
import io.tenure.governance.streaming.AuditStreamer;
import io.tenure.governance.streaming.StreamCursors;
import io.tenure.governance.streaming.SyslogFormat;
import io.tenure.governance.streaming.SyslogSink;
import io.tenure.governance.streaming.WebhookSink;
import io.tenure.store.JdbcStreamCursors;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Audit streaming while {@code tenure serve} runs: {@code tenure.audit.syslog.address} (host:port,
 * RFC 5424 over TCP; {@code tenure.audit.syslog.app-name}, default {@code tenure}) and/or {@code
 * tenure.audit.webhook.url} with {@code tenure.audit.webhook.secret} (environment variables {@code
 * TENURE_AUDIT_SYSLOG_ADDRESS}, {@code TENURE_AUDIT_WEBHOOK_URL}, {@code
 * TENURE_AUDIT_WEBHOOK_SECRET}); each sink is sent every audit event after its durable cursor,
 * looked for every {@code tenure.audit.stream.interval} (default one second).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AuditStreamingConfiguration {

  @Bean
  StreamCursors streamCursors(DataSource dataSource) {
    return new JdbcStreamCursors(dataSource);
  }

  @Bean
  @Lazy(false)
  AuditStreaming auditStreaming(
      AuditLog audit,
      StreamCursors cursors,
      Transactions transactions,
      Clock clock,
      @Value("${tenure.audit.syslog.address:}") String syslogAddress,
      @Value("${tenure.audit.syslog.app-name:tenure}") String appName,
      @Value("${tenure.audit.webhook.url:}") String webhookUrl,
      @Value("${tenure.audit.webhook.secret:}") String webhookSecret,
      @Value("${tenure.audit.stream.interval:PT1S}") Duration interval) {
    List<AuditSink> sinks = new ArrayList<>();
    if (!syslogAddress.isBlank()) {
      int colon = syslogAddress.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "tenure.audit.syslog.address must be host:port, not " + syslogAddress);
      }
      int port;
      try {
        port = Integer.parseInt(syslogAddress.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "tenure.audit.syslog.address must be host:port, not " + syslogAddress, e);
      }
      sinks.add(
          new SyslogSink(
              syslogAddress.substring(0, colon), port, new SyslogFormat(hostname(), appName)));
    }
    if (!webhookUrl.isBlank()) {
      if (webhookSecret.isBlank()) {
        throw new IllegalArgumentException(
            "tenure.audit.webhook.url needs tenure.audit.webhook.secret (TENURE_AUDIT_WEBHOOK_SECRET)"
                + " to sign with");
      }
      sinks.add(new WebhookSink(URI.create(webhookUrl), webhookSecret));
    }
    return new AuditStreaming(
        new AuditStreamer(audit, cursors, transactions, clock, sinks), interval);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "-";
    }
  }
}
