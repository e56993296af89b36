package dev.rampart.secrets;

/** A new KEK version became current. */
public record KeyRotated(String backend, int currentVersion) {
}
