package dev.rampart.bench.cli;

/**
 * A command line that cannot be run as given; the message names the flag and what was expected,
 * and the caller prints it with the usage and exits with status 2.
 */
public final class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message);
  }
}
