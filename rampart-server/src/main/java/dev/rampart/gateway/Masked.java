package dev.rampart.gateway;

/** A masked text and what was masked in it. */
public record Masked(String text, MaskingReport report) {
}
