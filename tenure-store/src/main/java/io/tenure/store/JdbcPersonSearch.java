package io.tenure.store;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.people.PersonPage;
import io.tenure.engine.people.PersonSearch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Person search over the {@code identities} table: the text is looked for (case-insensitive) in the
 * given and family names, the full name, the employee id, the e-mail and the usernames. The cursor
 * is the sort key of the last person of a page (family name, given name, id), base64url-encoded.
 */
public final class JdbcPersonSearch implements PersonSearch {

  private static final String SORT_KEY =
      "lower(coalesce(i.attributes ->> 'familyName', '')) || chr(1) ||"
          + " lower(coalesce(i.attributes ->> 'givenName', '')) || chr(1) || i.id";

  private final JdbcClient client;
  private final IdentityRepository identities;

  public JdbcPersonSearch(DataSource dataSource, IdentityRepository identities) {
    this.client = JdbcClient.create(dataSource);
    this.identities = identities;
  }

  @Override
  public PersonPage search(String text, @Nullable String cursor, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be from 1 to 1000, not " + limit);
    }
    String after = cursor == null || cursor.isBlank() ? null : decode(cursor);
    String pattern = "%" + escape(text.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
    List<String[]> rows =
        client
            .sql(
                "select i.id, "
                    + SORT_KEY
                    + " as sort_key from identities i where (? = '%%'"
                    + " or lower(coalesce(i.attributes ->> 'givenName', '')) like ?"
                    + " or lower(coalesce(i.attributes ->> 'familyName', '')) like ?"
                    + " or lower(coalesce(i.attributes ->> 'givenName', '') || ' ' ||"
                    + " coalesce(i.attributes ->> 'familyName', '')) like ?"
                    + " or lower(coalesce(i.attributes ->> 'employeeId', '')) like ?"
                    + " or lower(coalesce(i.attributes ->> 'email', '')) like ?"
                    + " or exists (select 1 from identity_usernames u where u.identity_id = i.id"
                    + " and lower(u.username) like ?))"
                    + " and (cast(? as text) is null or "
                    + SORT_KEY
                    + " > cast(? as text))"
                    + " order by "
                    + SORT_KEY
                    + " limit ?")
            .param(pattern)
            .param(pattern)
            .param(pattern)
            .param(pattern)
            .param(pattern)
            .param(pattern)
            .param(pattern)
            .param(after)
            .param(after)
            .param(limit + 1)
            .query((row, number) -> new String[] {row.getString("id"), row.getString("sort_key")})
            .list();
    List<Identity> people = new ArrayList<>();
    for (int index = 0; index < Math.min(limit, rows.size()); index++) {
      identities.find(new IdentityId(rows.get(index)[0])).ifPresent(people::add);
    }
    String next = rows.size() > limit ? encode(rows.get(limit - 1)[1]) : null;
    return new PersonPage(people, next);
  }

  @Override
  public Map<LifecycleState, Long> countByState() {
    Map<LifecycleState, Long> counts = new EnumMap<>(LifecycleState.class);
    client
        .sql("select state, count(*) as people from identities group by state")
        .query(
            row -> {
              counts.put(LifecycleState.valueOf(row.getString("state")), row.getLong("people"));
            });
    return counts;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String encode(String sortKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor of this search: " + cursor, e);
    }
  }
}
