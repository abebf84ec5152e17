package org.openmoorcheh.server.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a system command for a test's setup (mount, umount): true when it exits 0 within 30 s. */
public final class Commands {

    private Commands() {
    }

    public static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
