package io.tenure.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import org.junit.jupiter.api.Test;

/** Entity tags compare weakly; a stale If-Match is a 412 naming the current version. */
class EntityTagsTest {

  @Test
  void ifMatchPassesForTheVersionAnyOfAListOrNone() {
    for (String ifMatch : new String[] {"W/\"3\"", "\"3\"", " 3 ", "W/\"1\", W/\"3\"", "*", " "}) {
      assertThatCode(() -> EntityTags.checkIfMatch(ifMatch, "W/\"3\"", "Group"))
          .as(ifMatch)
          .doesNotThrowAnyException();
    }
    assertThatCode(() -> EntityTags.checkIfMatch(null, "W/\"3\"", "Group"))
        .doesNotThrowAnyException();
  }

  @Test
  void aStaleIfMatchIsAPreconditionFailure() {
    assertThatThrownBy(() -> EntityTags.checkIfMatch("W/\"2\"", "W/\"3\"", "User"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessage("the User has changed: its version is W/\"3\"");
  }

  @Test
  void ifNoneMatchNamesTheVersionOrEverything() {
    assertThat(EntityTags.namesVersion("W/\"a1\"", "W/\"a1\"")).isTrue();
    assertThat(EntityTags.namesVersion("\"b2\", \"a1\"", "W/\"a1\"")).isTrue();
    assertThat(EntityTags.namesVersion("*", "W/\"a1\"")).isTrue();
    assertThat(EntityTags.namesVersion("W/\"b2\"", "W/\"a1\"")).isFalse();
  }
}
