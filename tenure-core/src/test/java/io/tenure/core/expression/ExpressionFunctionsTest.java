package io.tenure.core.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionFunctionsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "Zoë|Zoe",
        "Ñúñez|Nunez",
        "Øyvind|Oyvind",
        "Łukasz|Lukasz",
        "straße|strasse",
        "李小龍|''",
        "O'Brien|O'Brien",
        "''|''",
        "Ærøskøbing|AEroskobing",
        "Đorđe|Dorde",
        "Þórr|THorr",
        "Œuvre|OEuvre",
        "ﬁnn|finn",
        "Ｊｏｅ|Joe",
        "Ana María|Ana Maria",
      })
  void asciiFoldsToAscii(String text, String expected) {
    assertThat(ExpressionFunctions.ascii(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "Zoë|zoe",
        "Ñúñez|nunez",
        "Øyvind|oyvind",
        "Łukasz|lukasz",
        "straße|strasse",
        "李小龍|''",
        "O'Brien|obrien",
        "''|''",
        "Anne-Marie Van der Berg 2|annemarievanderberg2",
        "İlker|ilker",
      })
  void usernameKeepsLowerCaseLettersAndDigits(String text, String expected) {
    assertThat(ExpressionFunctions.username(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "Zoë|Z",
        "Ñúñez|Ñ",
        "Øyvind|Ø",
        "Łukasz|Ł",
        "straße|s",
        "李小龍|李",
        "O'Brien|O",
        "''|''",
        "-anna|a",
        "42|''",
      })
  void initialIsTheFirstLetter(String text, String expected) {
    assertThat(ExpressionFunctions.initial(text)).isEqualTo(expected);
  }

  @Test
  void initialKeepsLettersOutsideTheBasicPlane() {
    assertThat(ExpressionFunctions.initial("𝐀bc")).isEqualTo("𝐀");
  }
}
