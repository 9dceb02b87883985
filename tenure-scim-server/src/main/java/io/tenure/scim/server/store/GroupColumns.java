package io.tenure.scim.server.store;

import com.unboundid.scim2.common.Path;
import io.tenure.scim.server.schema.ScimSchemas;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of Groups: the attributes that filters and sortBy may name over {@code scim_groups g}
 * (members in their own table, {@code scim_group_members m}), and a User's Groups over {@code
 * identities i}.
 */
final class GroupColumns {

  private static final String MEMBERS = "members";

  private GroupColumns() {}

  /** The attributes of Groups that filters and sortBy may name, over {@code scim_groups g}. */
  static final FilterSql.Columns COLUMNS =
      new FilterSql.Columns() {
        @Override
        public Optional<Column> column(Path path, @Nullable String prefix) {
          StringBuilder key = new StringBuilder();
          String urn = path.getSchemaUrn();
          if (urn != null && !urn.equalsIgnoreCase(ScimSchemas.GROUP)) {
            return Optional.empty();
          }
          if (prefix != null) {
            key.append(prefix.toLowerCase(Locale.ROOT)).append('.');
          }
          for (int index = 0; index < path.size(); index++) {
            key.append(index > 0 ? "." : "")
                .append(path.getElement(index).getAttribute().toLowerCase(Locale.ROOT));
          }
          return Optional.ofNullable(GROUP_COLUMNS.get(key.toString()));
        }

        @Override
        public String anyValue(Path path, String condition) {
          if (path.size() > 0 && path.getElement(0).getAttribute().equalsIgnoreCase(MEMBERS)) {
            return "exists (select 1 from scim_group_members m where m.group_id = g.id and "
                + condition
                + ")";
          }
          return condition;
        }
      };

  private static final Map<String, Column> GROUP_COLUMNS = groupColumns();

  private static Map<String, Column> groupColumns() {
    Map<String, Column> columns = new HashMap<>();
    columns.put("id", new Column("g.id", Column.Kind.EXACT_STRING));
    columns.put("externalid", new Column("g.external_id", Column.Kind.EXACT_STRING));
    columns.put("displayname", new Column("g.display_name", Column.Kind.STRING));
    columns.put("meta.created", new Column("g.created_at", Column.Kind.DATE_TIME));
    columns.put("meta.lastmodified", new Column("g.updated_at", Column.Kind.DATE_TIME));
    columns.put("meta.resourcetype", new Column("'Group'", Column.Kind.STRING));
    Column member = new Column("m.identity_id", Column.Kind.EXACT_STRING);
    columns.put(MEMBERS, member);
    columns.put("members.value", member);
    columns.put("members.display", new Column(display("m"), Column.Kind.STRING));
    columns.put("members.type", new Column("'User'", Column.Kind.STRING));
    return Map.copyOf(columns);
  }

  /** Whether sortBy names the members, which live in their own table and cannot sort Groups. */
  static boolean namesMembers(String sortBy) {
    return sortBy.strip().toLowerCase(Locale.ROOT).startsWith(MEMBERS);
  }

  /**
   * A SQL expression over {@code identities i}: the Groups the User is a member of, as a JSON array
   * of {@code {value, display, type}} ordered by displayName, or null.
   */
  static final String GROUPS_OF_USER = "(" + groupsOfUser("json") + ")::text";

  /**
   * A SQL expression over {@code identities i}: the Groups the User is a member of, as a jsonb
   * array of {@code {value, display, type}} (empty when none), for filters and sorting.
   */
  static final String GROUPS_OF_USER_JSONB =
      "coalesce((" + groupsOfUser("jsonb") + "), '[]'::jsonb)";

  private static String groupsOfUser(String json) {
    return "select "
        + json
        + "_agg("
        + json
        + "_build_object('value', g.id, 'display', g.display_name, 'type', 'direct')"
        + " order by lower(g.display_name), g.id)"
        + " from scim_group_members m join scim_groups g on g.id = m.group_id"
        + " where m.identity_id = i.id";
  }

  /** The display of the User a membership row names: its userName as Users show it. */
  static String display(String membership) {
    return "(select "
        + UserColumns.userName()
        + " from identities i where i.id = "
        + membership
        + ".identity_id)";
  }
}
