package dev.rampart.bench.auth;

import java.util.List;

/** What a two-server comparison writes: its Markdown block and its JSON lines. */
public interface BenchReport {

  String markdown();

  /** One line per scenario, then a summary line with the targets. */
  List<String> jsonLines();
}
