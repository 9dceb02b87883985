package io.tenure.server;

/** The executable jar's entry point. */
public final class TenureMain {

  private TenureMain() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
