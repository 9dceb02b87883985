package io.tenure.scim.server.store;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Group as stored (without its members).
 *
 * @param id the Group's id (a UUID)
 * @param displayName unique among Groups, ignoring case
 * @param externalId the client's identifier, or null
 * @param created when it was created
 * @param lastModified when it was last written
 * @param version how many times it was written: 1 when created, one more for each write
 */
public record StoredGroup(
    String id,
    String displayName,
    @Nullable String externalId,
    OffsetDateTime created,
    OffsetDateTime lastModified,
    long version) {

  public StoredGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /**
   * A member as shown: the User's id and display (its userName as Users show it).
   *
   * @param value the User's id
   * @param display the User's userName
   */
  public record Member(String value, String display) {}
}
