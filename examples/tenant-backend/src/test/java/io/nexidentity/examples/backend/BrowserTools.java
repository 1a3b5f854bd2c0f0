package io.nexidentity.examples.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Installs the browser checks' npm packages (axe-core, pinned by package-lock.json) with {@code npm ci}. */
final class BrowserTools {

    private BrowserTools() {}

    static synchronized void install() {
        var directory = Path.of("src", "test", "browser");
        try {
            var process = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "npm-ci.log").toFile())
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("npm ci in " + directory + " failed: see target/npm-ci.log");
            }
        } catch (IOException e) {
            throw new AssertionError("the accessibility checks need Node.js 20+ and npm on the PATH (axe-core)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
