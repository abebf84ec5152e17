package org.openmoorcheh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JVM options {@code moorcheh up} starts the server with. */
class LauncherOptionsTest {

    @Test
    void theDefaultMemoryAndOnJava21AndLaterTheVectorApi() {
        assertThat(ServerCommands.Up.javaOptions(null, 17)).containsExactly("-Xmx1g", "-XX:MaxDirectMemorySize=4g");
        assertThat(ServerCommands.Up.javaOptions(" ", 25)).containsExactly("-Xmx1g", "-XX:MaxDirectMemorySize=4g",
                "--add-modules", "jdk.incubator.vector");
    }

    @Test
    void configuredOptionsReplaceTheMemoryAndKeepTheVectorApiOnce() {
        assertThat(ServerCommands.Up.javaOptions("-Xmx2g  -Dmoorcheh.kernels=scalar", 21))
                .containsExactly("-Xmx2g", "-Dmoorcheh.kernels=scalar", "--add-modules", "jdk.incubator.vector");
        assertThat(ServerCommands.Up.javaOptions("--add-modules=jdk.incubator.vector -Xmx2g", 25))
                .containsExactly("--add-modules=jdk.incubator.vector", "-Xmx2g");
        assertThat(ServerCommands.Up.javaOptions("-Xmx2g", 17)).containsExactly("-Xmx2g");
    }
}
