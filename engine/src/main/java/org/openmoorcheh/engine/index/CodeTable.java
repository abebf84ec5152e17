package org.openmoorcheh.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataColumns;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.RelevanceScale;

/**
 * The slots of one namespace: for each ordinal its id, a live flag, the norm of its vector, its code
 * (split into a head and a tail array so the first scan stage streams only heads; heads stored in
 * {@linkplain #headIndex blocks of eight}), its typed
 * metadata ({@link MetadataColumns}, what filters read) and, off-heap, its full-precision vector.
 *
 * <p>Invariants (checked by {@link #checkInvariants()} in tests and by asserts):
 * <ul>
 *   <li>{@code ordinals} maps exactly the ids of the live slots to their ordinal; a dead slot has no
 *       id; {@code liveCount} counts the live slots below {@code count}.</li>
 *   <li>A new id takes the slot after the last one, a replaced id keeps its slot, and
 *       {@link #moveDown} moves a live slot only to a lower free ordinal: so live slots always keep
 *       the order in which their ids were first stored (and not deleted since), which is the order
 *       in which a rebuild from the store adds them. After a full {@link #moveDown compaction}, the
 *       ordinals are exactly those a rebuild gives.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link NamespaceIndex} guards it with its lock.
 */
final class CodeTable {

    private static final int INITIAL_CAPACITY = 1024;
    /** Slots per block of the heads' layout ({@link #heads}). */
    static final int BLOCK = 8;

    final int dimension;
    final int words;
    final int headWords;
    final int tailWords;
    private final OffHeapVectors vectors;
    private final Map<String, Integer> ordinals = new HashMap<>();
    /**
     * {@code headWords} per slot, in blocks of {@value #BLOCK} slots stored word by word: word
     * {@code w} of slot {@code s} at {@code headIndex(s, headWords) + w * BLOCK}. One 512-bit load
     * then holds the same word of eight codes, so a SIMD scan serves eight codes per instruction
     * ({@link org.openmoorcheh.engine.simd.Kernels}); a scalar one reads the same cache lines. The
     * array always holds whole blocks (a capacity rounded up to {@value #BLOCK}).
     */
    long[] heads;
    /** {@code tailWords} per slot; empty when codes are scanned whole. */
    long[] tails;
    /**
     * {@link #factorsPerSlot} per slot: the correction terms of each code's estimate, kept only for
     * codes scanned whole (longer ones are searched in Hamming order, {@link CodeScan}); in blocks of
     * {@value #BLOCK} slots like the heads, term by term ({@link #factorIndex}), so that one 256-bit
     * load holds the same term of eight slots.
     */
    float[] factors;
    final int factorsPerSlot;
    private String[] ids;
    private boolean[] live;
    /** Euclidean norm of each stored vector, so rescoring needs only a dot product. */
    private double[] norms;
    /** Metadata values by ordinal; a dead slot holds none. */
    final MetadataColumns fields = new MetadataColumns();
    private int count;
    private int liveCount;

    /** Words of each code scanned in the first stage: the first 256 bits. */
    private static final int HEAD_WORDS = 4;
    /**
     * Codes of up to this many words (384 bits: both shipped local models) are scanned whole: a head
     * of 256 of 384 bits picked survivors too coarsely on real text embeddings, and the tails of
     * scattered survivors cost a cache miss each.
     */
    private static final int WHOLE_CODE_WORDS = 6;

    /** The head length that suits codes of this dimension. */
    static int headWordsFor(int dimension) {
        int words = BitCodes.words(dimension);
        return words <= WHOLE_CODE_WORDS ? words : HEAD_WORDS;
    }

    /** Where the first head word of a slot is ({@link #heads}); its word {@code w} is {@code BLOCK * w} further. */
    static int headIndex(int ordinal, int headWords) {
        return (ordinal >>> 3) * (headWords << 3) + (ordinal & 7);
    }

    /** Where the first estimate factor of a slot is ({@link #factors}); its term {@code f} is {@code BLOCK * f} further. */
    static int factorIndex(int ordinal) {
        return (ordinal >>> 3) * (Estimator.FACTORS << 3) + (ordinal & 7);
    }

    /** Slots rounded up to whole blocks. */
    private static int wholeBlocks(int capacity) {
        return (capacity + BLOCK - 1) & -BLOCK;
    }

    CodeTable(int dimension, int headWords) {
        this.dimension = dimension;
        this.words = BitCodes.words(dimension);
        this.headWords = headWords;
        this.tailWords = words - headWords;
        this.vectors = new OffHeapVectors(dimension);
        this.heads = new long[wholeBlocks(INITIAL_CAPACITY) * headWords];
        this.tails = new long[INITIAL_CAPACITY * tailWords];
        this.factorsPerSlot = tailWords == 0 ? Estimator.FACTORS : 0;
        this.factors = new float[wholeBlocks(INITIAL_CAPACITY) * factorsPerSlot];
        this.ids = new String[INITIAL_CAPACITY];
        this.live = new boolean[INITIAL_CAPACITY];
        this.norms = new double[INITIAL_CAPACITY];
    }

    /** Slots in use, live or dead: ordinals run from 0 to this. */
    int count() {
        return count;
    }

    int liveCount() {
        return liveCount;
    }

    /** Slots that held an item since deleted, and not yet reclaimed. */
    int deadCount() {
        return count - liveCount;
    }

    boolean isLive(int ordinal) {
        return live[ordinal];
    }

    /** The live flags by ordinal: the filter of a search without one. Valid below {@link #count()}. */
    boolean[] liveFlags() {
        return live;
    }

    /** The ordinal of a live id, or -1. */
    int ordinalOf(String id) {
        Integer ordinal = ordinals.get(id);
        return ordinal == null ? -1 : ordinal;
    }

    String id(int ordinal) {
        return ids[ordinal];
    }

    double norm(int ordinal) {
        return norms[ordinal];
    }

    /** Copies the full-precision vector of a slot into {@code into}. */
    void vector(int ordinal, float[] into) {
        vectors.get(ordinal, into);
    }

    /**
     * Stores an item: its vector, norm and code under {@code thresholds}. A known id keeps its slot.
     *
     * @param code scratch of {@link #words} words
     * @return the item's ordinal
     */
    int put(String id, float[] vector, float[] thresholds, long[] code) {
        int ordinal = ordinalOf(id);
        if (ordinal < 0) {
            ordinal = count++;
            ensureCapacity(count);
            ordinals.put(id, ordinal);
            ids[ordinal] = id;
            live[ordinal] = true;
            liveCount++;
        }
        vectors.put(ordinal, vector);
        norms[ordinal] = Cosine.norm(vector);
        new Codes(heads, tails, factors).write(this, ordinal, vector, thresholds, code);
        return ordinal;
    }

    /** Replaces the metadata values of the named live slots; unknown ids are ignored. */
    void setFieldsOf(List<String> ids, List<Map<String, FieldValue>> values) {
        for (int i = 0; i < ids.size(); i++) {
            int ordinal = ordinalOf(ids.get(i));
            if (ordinal >= 0) {
                setFields(ordinal, values.get(i));
            }
        }
    }

    /** Replaces the metadata values of a live slot. */
    void setFields(int ordinal, Map<String, FieldValue> values) {
        assert live[ordinal] : "slot " + ordinal + " is dead";
        fields.set(ordinal, values);
    }

    /** Marks an id's slot dead; returns false for an unknown id. The slot is reclaimed by {@link #moveDown}. */
    boolean remove(String id) {
        Integer ordinal = ordinals.remove(id);
        if (ordinal == null) {
            return false;
        }
        assert live[ordinal] : "mapped slot " + ordinal + " is dead";
        live[ordinal] = false;
        fields.clear(ordinal);
        ids[ordinal] = null;
        liveCount--;
        return true;
    }

    /** Writes a code's words into the slot of given head and tail arrays (the table's own or new ones). */
    void writeCode(long[] code, int ordinal, long[] headArray, long[] tailArray) {
        int at = headIndex(ordinal, headWords);
        for (int w = 0; w < headWords; w++) {
            headArray[at + w * BLOCK] = code[w];
        }
        System.arraycopy(code, headWords, tailArray, ordinal * tailWords, tailWords);
    }

    /**
     * Every slot's code and estimate factors, computed beside the table's own under other thresholds
     * ({@link Recalibration}) and then put in force at once by {@link #replaceCodes}.
     */
    static final class Codes {
        final long[] heads;
        final long[] tails;
        final float[] factors;

        private Codes(long[] heads, long[] tails, float[] factors) {
            this.heads = heads;
            this.tails = tails;
            this.factors = factors;
        }

        /** Encodes a slot's vector under {@code thresholds} into these arrays. */
        void write(CodeTable table, int ordinal, float[] vector, float[] thresholds, long[] code) {
            BitCodes.encode(vector, thresholds, code, 0);
            table.writeCode(code, ordinal, heads, tails);
            if (table.factorsPerSlot > 0) {
                Estimator.factors(vector, thresholds, factors, factorIndex(ordinal), BLOCK);
            }
        }
    }

    /** Slots the arrays have room for. */
    int capacity() {
        return ids.length;
    }

    /**
     * Code arrays for {@code capacity} slots, for codes computed beside the table's own. Reads only
     * final fields, so no lock is needed to call it: allocating (and zeroing) a large array takes long.
     */
    Codes newCodes(int capacity) {
        return new Codes(new long[wholeBlocks(capacity) * headWords], new long[capacity * tailWords],
                new float[wholeBlocks(capacity) * factorsPerSlot]);
    }

    /** Codes of {@link #newCodes} copied to room for {@code capacity} slots (no lock needed). */
    Codes resizeCodes(Codes codes, int capacity) {
        return new Codes(Arrays.copyOf(codes.heads, wholeBlocks(capacity) * headWords), Arrays.copyOf(codes.tails,
                capacity * tailWords), Arrays.copyOf(codes.factors, wholeBlocks(capacity) * factorsPerSlot));
    }

    /** Replaces every code at once: the codes of a new calibration. */
    void replaceCodes(Codes codes) {
        assert codes.heads.length == heads.length && codes.tails.length == tails.length
                : "code arrays of another capacity";
        heads = codes.heads;
        tails = codes.tails;
        factors = codes.factors;
    }

    /**
     * Reclaims dead slots by moving live ones down, in ordinal order, from {@code from} while fewer
     * than {@code budget} slots have been looked at. {@code to} is the first free slot a live one
     * may move to (the compacted prefix ends there); every slot in {@code [to, from)} is dead.
     *
     * @return the new {@code (to, from)} pair; the compaction is finished when {@code from == count()}
     *     (then both equal the new count: the slots past {@code to} have been dropped)
     */
    int[] moveDown(int to, int from, int budget) {
        assert to <= from && from <= count : to + ", " + from + ", " + count;
        float[] vector = new float[dimension];
        int end = Math.min(count, from + budget);
        for (; from < end; from++) {
            if (!live[from]) {
                continue;
            }
            if (to != from) {
                String id = ids[from];
                vectors.get(from, vector);
                vectors.put(to, vector);
                norms[to] = norms[from];
                int headFrom = headIndex(from, headWords);
                int headTo = headIndex(to, headWords);
                for (int w = 0; w < headWords; w++) {
                    heads[headTo + w * BLOCK] = heads[headFrom + w * BLOCK];
                }
                System.arraycopy(tails, from * tailWords, tails, to * tailWords, tailWords);
                int factorsFrom = factorIndex(from);
                int factorsTo = factorIndex(to);
                for (int f = 0; f < factorsPerSlot; f++) {
                    factors[factorsTo + f * BLOCK] = factors[factorsFrom + f * BLOCK];
                }
                fields.move(from, to);
                ids[to] = id;
                live[to] = true;
                ids[from] = null;
                live[from] = false;
                ordinals.put(id, to);
            }
            to++;
        }
        if (from == count) {
            count = to;
            assert checkInvariants();
            return new int[] {to, to};
        }
        return new int[] {to, from};
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = wholeBlocks(Math.max(needed, ids.length + (ids.length >> 1)));
        heads = Arrays.copyOf(heads, capacity * headWords);
        tails = Arrays.copyOf(tails, capacity * tailWords);
        factors = Arrays.copyOf(factors, capacity * factorsPerSlot);
        ids = Arrays.copyOf(ids, capacity);
        live = Arrays.copyOf(live, capacity);
        norms = Arrays.copyOf(norms, capacity);
    }

    /** A copy of the code of a slot, head then tail. */
    long[] code(int ordinal) {
        long[] code = new long[words];
        int at = headIndex(ordinal, headWords);
        for (int w = 0; w < headWords; w++) {
            code[w] = heads[at + w * BLOCK];
        }
        System.arraycopy(tails, ordinal * tailWords, code, headWords, tailWords);
        return code;
    }

    /** Off-heap bytes held for full-precision vectors. */
    long offHeapBytes() {
        return vectors.bytes();
    }

    /** Heap bytes held for codes and their estimate factors. */
    long codeBytes() {
        return (long) (heads.length + tails.length) * Long.BYTES + (long) factors.length * Float.BYTES;
    }

    /** Checks the invariants of the class Javadoc in O(count); true when they hold, else throws. */
    boolean checkInvariants() {
        int liveSeen = 0;
        for (int ordinal = 0; ordinal < count; ordinal++) {
            if (live[ordinal]) {
                liveSeen++;
                Integer mapped = ordinals.get(ids[ordinal]);
                if (mapped == null || mapped != ordinal) {
                    throw new AssertionError("slot " + ordinal + " holds " + ids[ordinal] + " mapped to " + mapped);
                }
            } else if (ids[ordinal] != null) {
                throw new AssertionError("dead slot " + ordinal + " keeps id " + ids[ordinal]);
            }
        }
        if (liveSeen != liveCount || ordinals.size() != liveCount) {
            throw new AssertionError(liveSeen + " live slots, liveCount " + liveCount + ", " + ordinals.size()
                    + " ids");
        }
        return true;
    }

    /**
     * Marks the live slots a search may return: those of the admitted ids (all, for null) whose
     * metadata passes the filter (any, for null). Returns how many.
     */
    int markAllowed(Set<String> admitted, MetadataFilter filter, boolean[] allowed) {
        return filter == null ? markAdmitted(admitted, allowed)
                : markPassing(fields.select(filter, count(), liveFlags()), admitted, allowed);
    }

    /** Marks the slots set in {@code passing} (and admitted, when a set is given); returns how many. */
    private int markPassing(long[] passing, Set<String> admitted, boolean[] allowed) {
        int marked = 0;
        if (admitted == null) {
            for (int w = 0; w < passing.length; w++) {
                long word = passing[w];
                while (word != 0) {
                    allowed[(w << 6) + Long.numberOfTrailingZeros(word)] = true;
                    marked++;
                    word &= word - 1;
                }
            }
            return marked;
        }
        for (String id : admitted) {
            int ordinal = ordinalOf(id);
            if (ordinal >= 0 && (passing[ordinal >>> 6] & (1L << ordinal)) != 0) {
                allowed[ordinal] = true;
                marked++;
            }
        }
        return marked;
    }

    /** Marks the live ordinals of the admitted ids and returns how many there are. */
    private int markAdmitted(Set<String> admitted, boolean[] allowed) {
        int marked = 0;
        for (String id : admitted) {
            int ordinal = ordinalOf(id);
            if (ordinal >= 0) {
                allowed[ordinal] = true;
                marked++;
            }
        }
        return marked;
    }

    /** The ids of the live slots whose metadata passes {@code filter} (all live slots for null), in slot order. */
    List<String> liveIds(MetadataFilter filter) {
        int n = count();
        List<String> ids = new ArrayList<>();
        if (filter == null) {
            for (int ordinal = 0; ordinal < n; ordinal++) {
                if (isLive(ordinal)) {
                    ids.add(id(ordinal));
                }
            }
            return ids;
        }
        for (int ordinal : MetadataColumns.rows(fields.select(filter, n, liveFlags()))) {
            ids.add(id(ordinal));
        }
        return ids;
    }

    /** Exact hits of the named live slots, in the order named; unknown ids are absent. */
    List<Hit> exact(float[] query, Collection<String> itemIds) {
        double queryNorm = Cosine.norm(query);
        float[] vector = new float[dimension];
        List<Hit> hits = new ArrayList<>(itemIds.size());
        for (String id : itemIds) {
            int ordinal = ordinalOf(id);
            if (ordinal >= 0) {
                vector(ordinal, vector);
                double cosine = Cosine.fromDot(Cosine.dot(query, vector), queryNorm, norm(ordinal));
                hits.add(new Hit(id, cosine, RelevanceScale.score(cosine)));
            }
        }
        return hits;
    }

    /** The stored vectors of the named live slots; unknown ids are absent. */
    Map<String, float[]> vectors(Collection<String> itemIds) {
        Map<String, float[]> found = new HashMap<>();
        for (String id : itemIds) {
            int ordinal = ordinalOf(id);
            if (ordinal >= 0) {
                float[] vector = new float[dimension];
                vector(ordinal, vector);
                found.put(id, vector);
            }
        }
        return found;
    }

    /**
     * The ordinal, code and estimate factors (as float bits) of a live slot, or null: for tests
     * comparing a table with a rebuild.
     */
    long[] slotAndCode(String id) {
        int ordinal = ordinalOf(id);
        if (ordinal < 0) {
            return null;
        }
        long[] code = code(ordinal);
        long[] all = new long[1 + code.length + factorsPerSlot];
        all[0] = ordinal;
        System.arraycopy(code, 0, all, 1, code.length);
        for (int f = 0; f < factorsPerSlot; f++) {
            all[1 + code.length + f] = Float.floatToIntBits(factors[factorIndex(ordinal) + f * BLOCK]);
        }
        return all;
    }
}
