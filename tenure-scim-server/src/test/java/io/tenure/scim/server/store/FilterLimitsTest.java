package io.tenure.scim.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A filter's length, clauses and nesting are bounded before it is parsed: the 20,000-clause filter
 * that held a request thread for 9 s and a 3,000-deep one are refused with invalidFilter.
 */
class FilterLimitsTest {

  private static String ors(int clauses, String clause) {
    return IntStream.range(0, clauses)
        .mapToObj(index -> clause.formatted(index))
        .collect(Collectors.joining(" or "));
  }

  private static String nested(int depth) {
    return "(".repeat(depth) + "userName eq \"x\"" + ")".repeat(depth);
  }

  private static void assertRefused(String filter, String message) {
    assertThatThrownBy(() -> FilterSql.of(filter))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused -> {
              assertThat(refused.getScimError().getScimType()).isEqualTo("invalidFilter");
              assertThat(refused.getMessage()).contains(message);
            });
  }

  @Test
  void twentyThousandClausesAreRefusedByTheirLength() {
    String filter = ors(20_000, "userName eq \"u%d\"");
    assertThat(filter.length()).isGreaterThan(FilterLimits.MAX_LENGTH);
    assertRefused(filter, "characters long; at most 10000 are accepted");
  }

  @Test
  void moreThanTwoHundredClausesAreRefusedEvenWhenShort() {
    assertRefused(ors(201, "id pr"), "joins more than 200 clauses");
    assertRefused(
        IntStream.range(0, 201).mapToObj(index -> "x pr").collect(Collectors.joining(" AND ")),
        "joins more than 200 clauses");
    assertRefused("emails[" + ors(201, "value eq \"%d\"") + "]", "joins more than 200 clauses");
    assertThatCode(() -> FilterSql.of(ors(200, "id eq \"%d\""))).doesNotThrowAnyException();
  }

  @Test
  void deepNestingIsRefused() {
    assertRefused(nested(3_000), "nests parentheses or brackets more than 32 levels deep");
    assertRefused(
        "not (".repeat(40) + "title pr" + ")".repeat(40),
        "nests parentheses or brackets more than 32 levels deep");
    assertThatCode(() -> FilterSql.of(nested(32))).doesNotThrowAnyException();
  }

  @Test
  void quotedTextIsNeitherAClauseNorANesting() {
    String words = "\"" + " and (".repeat(300) + "\\\" or [" + "\"";
    assertThatCode(() -> FilterSql.of("title eq " + words)).doesNotThrowAnyException();
    assertThatCode(() -> FilterSql.of("orders pr or android pr and oracle pr"))
        .as("words that merely begin with and/or")
        .isInstanceOf(BadRequestException.class)
        .hasMessageNotContaining("clauses");
  }

  @Test
  void controlCharactersAreRefused() {
    assertRefused("userName eq \"a\u0000b\"", "contains a NUL character (U+0000)");
    assertRefused("title eq \"\u001B[31m\"", "contains the control character U+001B");
  }
}
