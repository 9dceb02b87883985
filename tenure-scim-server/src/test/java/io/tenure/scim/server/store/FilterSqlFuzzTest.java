package io.tenure.scim.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.tenure.core.source.ControlCharacters;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz test of the SCIM filter parser and its SQL translation, over Users and Groups:
 * 10,000 filters from {@link HostileFilters}. Whatever the filter, the translation either refuses
 * it with 400 invalidFilter or gives SQL in which every value is bound: nothing of a value (nor an
 * invented attribute name) is in the SQL text, the SQL's quoted literals are only the code's own
 * (names, no spaces, quotes or punctuation), it has no comment or statement separator, it has
 * exactly one {@code ?} per bound parameter, and no bound text holds a control character (the store
 * cannot bind a NUL). Never another exception (which the server would answer with 500). Set {@code
 * -Dtenure.fuzz.seed=N} to replay a failure (the seed is printed with it) and {@code
 * -Dtenure.fuzz.cases=N} for more cases.
 */
class FilterSqlFuzzTest {

  private static final int CASES = Integer.getInteger("tenure.fuzz.cases", 10_000);

  /**
   * A quoted literal of the SQL: the code's own ('work', 'User', a URN, '[]', the escape '\\', the
   * separator ' ' of a full name).
   */
  private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

  private static final Pattern CODE_LITERAL = Pattern.compile("[A-Za-z0-9$_:.\\[\\]\\\\]*| ");

  @Test
  void everyFilterIsRefusedOrTranslatedWithEveryValueBound() {
    long seed = Long.getLong("tenure.fuzz.seed", System.nanoTime());
    HostileFilters filters = new HostileFilters(new Random(seed));
    int translated = 0;
    int refused = 0;
    for (int index = 0; index < CASES; index++) {
      String filter = filters.next();
      boolean groups = index % 3 == 0;
      try {
        FilterSql sql = groups ? FilterSql.of(filter, GroupColumns.COLUMNS) : FilterSql.of(filter);
        assertBound(sql, filter, seed, index);
        translated++;
      } catch (BadRequestException e) {
        assertThat(e.getScimError().getScimType())
            .as("%s: %s", replay(seed, index, filter), e.getMessage())
            .isEqualTo("invalidFilter");
        assertThat(e.getScimError().getStatus()).isEqualTo(400);
        refused++;
      } catch (RuntimeException crash) {
        fail(replay(seed, index, filter) + ": the translation crashed (a 500)", crash);
      }
    }
    assertThat(translated).as("filters translated").isGreaterThan(CASES / 10);
    assertThat(refused).as("filters refused").isGreaterThan(CASES / 10);
  }

  private static void assertBound(FilterSql sql, String filter, long seed, int index) {
    String text = sql.sql();
    String where = replay(seed, index, filter) + "\nSQL: " + text;
    assertThat(text).as(where).doesNotContainIgnoringCase(HostileFilters.MARKER);
    assertThat(text).as(where).doesNotContain("--", "/*", "*/", ";", "$1");
    Matcher literals = LITERAL.matcher(text);
    while (literals.find()) {
      assertThat(literals.group(1)).as(where).matches(CODE_LITERAL);
    }
    assertThat(text.replace("collate \"C\"", "")).as(where).doesNotContain("\"");
    long placeholders = text.chars().filter(character -> character == '?').count();
    assertThat(placeholders).as(where).isEqualTo(sql.parameters().size());
    for (Object parameter : sql.parameters()) {
      assertThat(parameter).as(where).isNotNull();
      if (parameter instanceof String bound) {
        assertThat(ControlCharacters.first(bound))
            .as("%s: a control character bound (the store cannot take a NUL)", where)
            .isEmpty();
      }
    }
  }

  private static String replay(long seed, int index, String filter) {
    String shown = filter.length() > 300 ? filter.substring(0, 300) + "..." : filter;
    return "case "
        + index
        + " (replay with -Dtenure.fuzz.seed="
        + seed
        + "): "
        + shown.replace("\u0000", "\\u0000");
  }
}
