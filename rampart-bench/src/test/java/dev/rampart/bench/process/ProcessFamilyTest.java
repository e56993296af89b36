package dev.rampart.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finds a daemon the way an embedded PostgreSQL is found: detached, but named after the data dir. */
class ProcessFamilyTest {

  @TempDir Path dataDir;

  private Process root;

  @AfterEach
  void stopEverythingStarted() {
    ProcessFamily.leftFrom(dataDir).forEach(ProcessHandle::destroyForcibly);
    if (root != null) {
      root.destroyForcibly();
    }
  }

  @Test
  void aDetachedProcessNamingTheDataDirAndItsChildrenBelongToTheFamily() throws Exception {
    root = new ProcessBuilder("sleep", "60").start();
    startDetached();

    List<ProcessHandle> family = ProcessFamily.of(root.toHandle(), dataDir);

    assertThat(family).first().isEqualTo(root.toHandle());
    assertThat(family).hasSize(3); // root, the detached shell, and the shell's sleep
    assertThat(ProcessFamily.leftFrom(dataDir)).hasSize(2);
  }

  @Test
  void nothingIsLeftWhenNothingNamesTheDataDir() {
    assertThat(ProcessFamily.leftFrom(dataDir)).isEmpty();
  }

  /** Waits, bounded, until the detached shell has started its child; process start is asynchronous. */
  private void startDetached() throws IOException, InterruptedException {
    new ProcessBuilder("sh", "-c", "sh -c 'sleep 60; : " + dataDir + "' >/dev/null 2>&1 &").start().waitFor();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ProcessFamily.leftFrom(dataDir).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
