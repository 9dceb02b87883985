package io.tenure.server.request;

import io.tenure.engine.configuration.NotificationSettings;
import io.tenure.governance.request.AccessRequest;
import io.tenure.governance.request.People;
import io.tenure.governance.request.RequestNotifier;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails people about requests and access over the configured SMTP server: one message per event
 * to every recipient with an address ({@code notifications.emailAttribute}). A delivery problem is
 * logged (never the password) and does not fail what happened.
 */
final class MailNotifier implements RequestNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(MailNotifier.class);

  private final NotificationSettings.Smtp smtp;
  private final String emailAttribute;
  private final People people;
  private final Session session;

  MailNotifier(NotificationSettings settings, People people) {
    this.smtp = java.util.Objects.requireNonNull(settings.smtp(), "smtp");
    this.emailAttribute = settings.emailAttribute();
    this.people = people;
    Properties properties = new Properties();
    properties.put("mail.smtp.host", smtp.host());
    properties.put("mail.smtp.port", String.valueOf(smtp.port()));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "10000");
    properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
    properties.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
    Authenticator authenticator = null;
    if (smtp.username() != null) {
      properties.put("mail.smtp.auth", "true");
      String password = smtp.password() == null ? "" : smtp.password();
      authenticator =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(smtp.username(), password);
            }
          };
    }
    this.session = Session.getInstance(properties, authenticator);
  }

  @Override
  public void notify(Kind kind, AccessRequest request, List<String> recipients, String text) {
    List<InternetAddress> addresses = new ArrayList<>();
    for (String employeeId : recipients) {
      people
          .byEmployeeId(employeeId)
          .flatMap(person -> person.attribute(emailAttribute))
          .ifPresent(
              address -> {
                try {
                  addresses.add(new InternetAddress(address, true));
                } catch (MessagingException e) {
                  LOG.warn("not an e-mail address of {}: {}", employeeId, e.getMessage());
                }
              });
    }
    if (addresses.isEmpty()) {
      return;
    }
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from()));
      message.setRecipients(Message.RecipientType.TO, addresses.toArray(InternetAddress[]::new));
      message.setSubject(
          "[Tenure] "
              + subject(kind)
              + " "
              + request.id()
              + ": "
              + request.role()
              + " for "
              + request.beneficiaryEmployeeId(),
          "UTF-8");
      message.setHeader("X-Tenure-Event", kind.event());
      message.setHeader("X-Tenure-Request", request.id().value());
      message.setText(
          text
              + "\n\nRequest: "
              + request.id()
              + "\nRole: "
              + request.role()
              + "\nFor: "
              + request.beneficiaryEmployeeId()
              + "\nRequested by: "
              + request.requester()
              + "\nReason: "
              + request.justification()
              + (request.until() == null ? "" : "\nUntil: " + request.until())
              + "\n",
          "UTF-8");
      Transport.send(message);
    } catch (MessagingException e) {
      LOG.warn("could not e-mail {} about {}: {}", recipients, request.id(), e.getMessage());
    }
  }

  private static String subject(Kind kind) {
    return switch (kind) {
      case PENDING -> "Approval needed:";
      case ESCALATED -> "Escalated to you:";
      case DECIDED -> "Decided:";
      case PROVISIONED -> "Provisioned:";
      case FAILED -> "Failed:";
      case EXPIRED -> "Expired:";
      case ENDING -> "Access ends soon:";
      case ENDED -> "Access ended:";
      case REVIEW -> "Review after a transfer:";
    };
  }
}
