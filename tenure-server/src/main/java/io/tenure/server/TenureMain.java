package io.tenure.server;

import io.tenure.cli.CliEnvironment;
import io.tenure.cli.TenureCli;

/**
 * The executable jar's entry point: parses the command line first, so that {@code --help}, {@code
 * --version} and usage errors answer without starting Spring or the store.
 */
public final class TenureMain {

  private TenureMain() {}

  public static void main(String[] arguments) {
    int code = TenureCli.execute(CliEnvironment.system(TenureLauncher.INSTANCE), arguments);
    System.exit(code);
  }
}
