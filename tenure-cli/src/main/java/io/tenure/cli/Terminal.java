package io.tenure.cli;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** Where a person could confirm: the process's console, or none (a pipe, CI, a test). */
public interface Terminal {

  /** True when a person can be asked. */
  boolean interactive();

  /** Asks and returns the answer, or null at end of input. */
  @Nullable String ask(String prompt);

  /** The process's console ({@link System#console()}), if it has one. */
  static Terminal system() {
    Console console = System.console();
    if (console == null) {
      return none();
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public @Nullable String ask(String prompt) {
        return console.readLine("%s", prompt);
      }
    };
  }

  /** No terminal: nobody can confirm. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public @Nullable String ask(String prompt) {
        return null;
      }
    };
  }
}
