package org.openmoorcheh.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openmoorcheh.server.errors.InvalidRequestException;

/** The file names {@code files/upload} accepts, as a table: what is kept, or why it is refused. */
class UploadNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "report.pdf|report.pdf",
        "C:\\Users\\me\\report.PDF|report.PDF",
        "../../etc/notes.md|notes.md",
        "  spaced.txt  |spaced.txt",
        "dir/sub/data.json|data.json"})
    void keepsTheLastSegment(String given, String kept) {
        assertThat(UploadFolder.safeName(given)).isEqualTo(kept);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|needs a file name",
        "''|needs a file name",
        "dir/|needs a file name",
        "..|needs a file name",
        ".hidden.txt|must not start with '.'",
        "tool.exe|unsupported file type '.exe'",
        "noextension|unsupported file type",
        "a\u0001b.txt|control character",
        "bad\uFFFD.txt|not valid UTF-8",
        "half\uD800.txt|surrogate"})
    void refuses(String given, String reason) {
        assertThatThrownBy(() -> UploadFolder.safeName(given)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"251,true", "252,false"})
    void namesAreAtMost255BytesOfUtf8(int stem, boolean accepted) {
        String name = "x".repeat(stem) + ".txt";
        if (accepted) {
            assertThat(UploadFolder.safeName(name)).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> UploadFolder.safeName(name)).hasMessageContaining("255");
        }
        assertThatThrownBy(() -> UploadFolder.safeName("\u00e9".repeat(126) + ".txt")).hasMessageContaining("255");
    }
}
