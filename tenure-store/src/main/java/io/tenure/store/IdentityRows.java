package io.tenure.store;

import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an identity is read from the {@code identities} table (with its usernames and every source's
 * values): one query shape for every reader, so that nothing reads an identity without a part that
 * a later save would then wipe.
 */
public final class IdentityRows {

  /** The select list and table of an identity; append a where clause. */
  public static final String SELECT =
      "select i.id, i.state, i.attributes::text as attributes, i.employment_status,"
          + " i.start_date, i.end_date, i.source_attributes::text as source_attributes,"
          + " (select jsonb_object_agg(u.target, u.username)::text from identity_usernames u"
          + " where u.identity_id = i.id) as usernames"
          + " from identities i";

  private final Json json;

  public IdentityRows() {
    this(new Json(JsonMapper.builder().build()));
  }

  IdentityRows(Json json) {
    this.json = json;
  }

  /** The identity of a row of {@link #SELECT}. */
  public Identity read(ResultSet row, int number) throws SQLException {
    Employment employment =
        new Employment(
            EmploymentStatus.valueOf(row.getString("employment_status")),
            row.getObject("start_date", LocalDate.class),
            row.getObject("end_date", LocalDate.class));
    return new Identity(
        new IdentityId(row.getString("id")),
        LifecycleState.valueOf(row.getString("state")),
        json.readMap(row.getString("attributes")),
        employment,
        json.readMap(row.getString("usernames")),
        json.readNestedMap(row.getString("source_attributes")));
  }
}
