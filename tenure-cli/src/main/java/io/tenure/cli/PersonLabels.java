package io.tenure.cli;

import io.tenure.core.identity.IdentityId;
import io.tenure.engine.people.PersonDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The name and employee id of each person a listing shows ({@code Alice Martin (E1001)}), so that
 * no listing shows a bare identity id where the person is known. Each person is looked up once,
 * when first shown.
 */
final class PersonLabels {

  /** How an audit event names a person as its subject. */
  static final String PERSON_SUBJECT = "identity ";

  private final @Nullable PersonDirectory directory;
  private final Map<String, Optional<String>> labels = new HashMap<>();

  private PersonLabels(@Nullable PersonDirectory directory) {
    this.directory = directory;
  }

  /** Labels looked up in the store of this application. */
  static PersonLabels of(ConfigurableApplicationContext context) {
    return new PersonLabels(context.getBean(PersonDirectory.class));
  }

  /** No labels (where no store is at hand). */
  static PersonLabels none() {
    return new PersonLabels(null);
  }

  /** The identity id an audit subject names, or null. */
  static @Nullable String personOf(String subject) {
    return subject.startsWith(PERSON_SUBJECT) ? subject.substring(PERSON_SUBJECT.length()) : null;
  }

  /** The label of the person with this id, or null when unknown. */
  @Nullable String label(@Nullable String id) {
    if (id == null || id.isBlank() || directory == null) {
      return null;
    }
    return labels
        .computeIfAbsent(
            id, key -> directory.find(new IdentityId(key)).map(PersonCommand::describe))
        .orElse(null);
  }

  /** {@code " Alice Martin (E1001)"} after an id, or nothing when the person is unknown. */
  String suffix(@Nullable String id) {
    String label = label(id);
    return label == null ? "" : " " + label;
  }
}
