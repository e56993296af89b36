package dev.rampart.bench.standin;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the stand-in's classes are, to put on a child JVM's class path. */
public final class StandIn {

  private StandIn() {}

  public static String classPath() {
    try {
      return Path.of(StandInTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String mainClass() {
    return StandInTarget.class.getName();
  }
}
