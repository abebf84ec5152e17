package org.openmoorcheh.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits text into chunks of at most {@code size} characters, cutting at the largest natural
 * boundary that fits: paragraphs, then lines, then sentences, then clauses, then words, and only
 * as a last resort inside a word. Consecutive chunks share up to {@code overlap} characters of
 * whole pieces, so a sentence cut at a chunk edge is still found whole in one of them.
 *
 * <p>Invariants: every chunk is non-blank and at most {@code size} characters; every
 * non-whitespace character of the input appears in some chunk, in order.
 */
public final class RecursiveChunker {

    private static final List<String> SEPARATORS = List.of("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ");

    private final int size;
    private final int overlap;

    /** @throws IllegalArgumentException unless {@code 20 <= size} and {@code 0 <= overlap < size / 2} */
    public RecursiveChunker(int size, int overlap) {
        if (size < 20) {
            throw new IllegalArgumentException("chunk size must be at least 20 characters, got " + size);
        }
        if (overlap < 0 || overlap >= size / 2) {
            throw new IllegalArgumentException("chunk overlap must be 0 to less than half the size, got " + overlap);
        }
        this.size = size;
        this.overlap = overlap;
    }

    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        Deque<String> current = new ArrayDeque<>();
        int length = 0;
        boolean fresh = false;
        for (String piece : pieces(text, 0)) {
            if (length + piece.length() > size && fresh) {
                emit(current, chunks);
                fresh = false;
                // Keep whole trailing pieces as the overlap, as long as the next piece still fits.
                while (!current.isEmpty() && (length > overlap || length + piece.length() > size)) {
                    length -= current.removeFirst().length();
                }
            }
            current.addLast(piece);
            length += piece.length();
            fresh = true;
        }
        if (fresh) {
            emit(current, chunks);
        }
        return chunks;
    }

    /** Pieces of at most {@code size} characters that concatenate back to {@code text}. */
    private List<String> pieces(String text, int separator) {
        if (text.length() <= size) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        if (separator == SEPARATORS.size()) {
            for (int from = 0; from < text.length(); from += size) {
                pieces.add(text.substring(from, Math.min(text.length(), from + size)));
            }
            return pieces;
        }
        String mark = SEPARATORS.get(separator);
        int from = 0;
        while (from < text.length()) {
            int at = text.indexOf(mark, from);
            int end = at < 0 ? text.length() : at + mark.length();
            pieces.addAll(pieces(text.substring(from, end), separator + 1));
            from = end;
        }
        return pieces;
    }

    private static void emit(Deque<String> pieces, List<String> chunks) {
        String chunk = String.join("", pieces).strip();
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
    }
}
