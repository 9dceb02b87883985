package io.tenure.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordLocationTest {

  @Test
  void aLocationIsAFileLineATableKeyOrADn() {
    assertThat(new RecordLocation("people.csv", 17)).hasToString("people.csv:17");
    assertThat(RecordLocation.named("hr_people", "E1001")).hasToString("hr_people:E1001");
    assertThat(RecordLocation.named("", "uid=ada,ou=people,dc=example,dc=com"))
        .hasToString("uid=ada,ou=people,dc=example,dc=com");
    assertThat(new RecordLocation("people.csv", 17).recordName()).isEmpty();
  }
}
