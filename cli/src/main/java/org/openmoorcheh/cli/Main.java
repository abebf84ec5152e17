package org.openmoorcheh.cli;

import java.nio.file.Path;

/** Process entry point of {@code moorcheh}. */
public final class Main {

    private Main() {
    }

    /** The home directory is {@code $HOME} when set, as for the original (Python) CLI, else Java's user.home. */
    public static void main(String[] args) {
        String home = System.getenv("HOME");
        Path path = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
        System.exit(MoorchehCli.run(path, System.getenv(), System.out, System.err, args));
    }
}
