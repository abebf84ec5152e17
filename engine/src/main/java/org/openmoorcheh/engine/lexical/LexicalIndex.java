package org.openmoorcheh.engine.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The BM25 index of one text namespace: in memory (Lucene on a {@link ByteBuffersDirectory}), derived
 * from the store like the vector index and rebuilt from it at start-up, so it needs no durability
 * of its own.
 *
 * <p>Invariants: an id is in the index at most once ({@code updateDocument} by id); a change is
 * searchable when its call returns, so a search that starts after an upload completed sees it, as
 * with the vector index. The reader is refreshed lazily, by the first search after a change (every
 * change counts a generation; a search refreshes when the reader is older than the last one):
 * refreshing after each small write flushed a tiny segment each time and cost ingestion 10%.
 *
 * <p>Analysis: Lucene's English analyzer (standard tokenizer, lower case, English stop words, Porter
 * stemming), the best of the analyzers tried on SciFact (NDCG@10 0.687 against 0.665 with the
 * standard analyzer). BM25 with Lucene's k1 = 1.2 and b = 0.75: with this analyzer they beat
 * Anserini's 0.9 / 0.4 on SciFact (0.687 against 0.680; docs/BENCHMARKS.md).
 *
 * <p>Thread-safe: Lucene's writer and searcher manager are. Once {@link #close() closed} (its
 * namespace dropped), searches running late match nothing rather than fail.
 */
public final class LexicalIndex implements AutoCloseable {

    /** A lexical match: the item and its BM25 score (unbounded, comparable within one query only). */
    public record Match(String id, float score) {
    }

    static final float K1 = 1.2f;
    static final float B = 0.75f;
    /** Query terms kept at most: a longer query's further words add nothing a search needs. */
    static final int MAX_QUERY_TERMS = 256;

    private static final String ID = "id";
    private static final String TEXT = "text";

    private final Analyzer analyzer;
    private final BM25Similarity similarity;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Changes made (each upsert or delete call), and how many of them the current reader holds. */
    private final AtomicLong changes = new AtomicLong();
    private final Object refreshLock = new Object();
    private volatile long refreshed;

    /** The index every text namespace gets: English analysis, BM25 k1 1.2, b 0.75. */
    public LexicalIndex() {
        this(new EnglishAnalyzer(), K1, B);
    }

    /** Another analysis or BM25 setting, to compare them (the bench's HybridEval). */
    public LexicalIndex(Analyzer analyzer, float k1, float b) {
        this.analyzer = analyzer;
        this.similarity = new BM25Similarity(k1, b);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(similarity)
                    .setRAMBufferSizeMB(32);
            // Files read through Lucene's ByteBufferIndexInput (its memory-mapped directory's input on
            // Java 17) instead of the default ByteBuffersIndexInput, whose every clone and slice (a few
            // per word and search) allocates a view per buffer: a quarter less allocated per search.
            writer = new IndexWriter(new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new,
                    ByteBuffersDirectory.OUTPUT_AS_MANY_BUFFERS_LUCENE), config);
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces items; {@code texts.get(i)} is the text of {@code ids.get(i)}. */
    public void upsert(List<String> ids, List<String> texts) {
        if (ids.size() != texts.size()) {
            throw new IllegalArgumentException(ids.size() + " ids and " + texts.size() + " texts");
        }
        try {
            for (int i = 0; i < ids.size(); i++) {
                Document document = new Document();
                document.add(new StringField(ID, ids.get(i), Field.Store.NO));
                // Ids are read back from doc values: a stored-field read decompresses a block per hit.
                document.add(new BinaryDocValuesField(ID, new BytesRef(ids.get(i))));
                document.add(new TextField(TEXT, texts.get(i) == null ? "" : texts.get(i), Field.Store.NO));
                writer.updateDocument(new Term(ID, ids.get(i)), document);
            }
            changes.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes items; unknown ids are ignored. */
    public void delete(Collection<String> ids) {
        try {
            Term[] terms = ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new);
            writer.deleteDocuments(terms);
            changes.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Items in the index. */
    public int size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /**
     * What one search needs from the words, read from one reader with the query analysed once, so
     * the three parts agree with each other even while writes go on.
     *
     * @param best the best items, best first, ties by id (see {@link #search})
     * @param named the BM25 scores of the other items asked for (see {@link #scoresOf})
     * @param ceiling the highest score the query could reach (see {@link #ceiling})
     */
    public record Scored(List<Match> best, List<Match> named, double ceiling) {
    }

    /**
     * The best {@code topK} items for the words of {@code text}, the scores of {@code alsoScore}
     * items not among them, and the query's ceiling, in one pass.
     *
     * @param admitted ids a filter lets through for the best items, or null for all
     */
    public Scored score(String text, int topK, Set<String> admitted, Collection<String> alsoScore) {
        try (Reading reading = reading(text)) {
            List<Match> best = reading.best(topK, admitted);
            Set<String> rest = new LinkedHashSet<>(alsoScore);
            best.forEach(match -> rest.remove(match.id()));
            return new Scored(best, reading.named(rest), reading.ceiling());
        }
    }

    /**
     * One reader of the index and one analysis of {@code text}, for a search that asks for its
     * parts at different moments (a hybrid search takes the best list first, and the named scores
     * once the dense list is known): every part agrees with the others even while writes go on. Its
     * methods may be called from several threads; close it once, after the last call.
     */
    public Reading reading(String text) {
        Set<String> terms = termsOf(text);
        if (terms.isEmpty()) {
            return new Reading(terms, null);
        }
        try {
            return new Reading(terms, acquire());
        } catch (AlreadyClosedException e) {
            return new Reading(Set.of(), null); // dropped while a search of its namespace ran: it matches nothing
        }
    }

    /** See {@link #reading(String)}; a query with no indexed word, or a dropped index, reads as empty. */
    public final class Reading implements AutoCloseable {

        private final IndexSearcher searcher;
        /**
         * Each word's statistics in this reader, looked up once (a seek in every segment): the best
         * list, the named scores and the ceiling all use them.
         */
        private final List<TermStates> words;
        private final Query query;

        private Reading(Set<String> terms, IndexSearcher searcher) {
            this.searcher = searcher;
            if (searcher == null) {
                this.words = List.of();
                this.query = null;
                return;
            }
            List<TermStates> states = new ArrayList<>(terms.size());
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            try {
                // One optional clause per distinct analyzed word (no query syntax: user text is never parsed).
                for (String word : terms) {
                    Term term = new Term(TEXT, word);
                    TermStates termStates = TermStates.build(searcher, term, true);
                    states.add(termStates);
                    query.add(new TermQuery(term, termStates), BooleanClause.Occur.SHOULD);
                }
            } catch (IOException e) {
                release(searcher);
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                release(searcher);
                throw e;
            }
            this.words = states;
            this.query = query.build();
        }

        /** The best {@code topK} items, best first, ties by id (see {@link LexicalIndex#search}). */
        public List<Match> best(int topK, Set<String> admitted) {
            try {
                return searcher == null ? List.of() : LexicalIndex.best(searcher, query, topK, admitted);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The BM25 scores of these items (see {@link LexicalIndex#scoresOf}). */
        public List<Match> named(Collection<String> ids) {
            try {
                return searcher == null ? List.of() : LexicalIndex.named(searcher, query, ids);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The highest score the query could reach (see {@link LexicalIndex#ceiling(String)}). */
        public double ceiling() {
            try {
                return searcher == null ? 0 : LexicalIndex.ceiling(searcher, words);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (searcher != null) {
                release(searcher);
            }
        }
    }

    /**
     * The best {@code topK} items by BM25 for the words of {@code text}, best first, ties by id.
     *
     * @param admitted ids a filter lets through, or null for all
     * @return matches with a score above zero only: an item sharing no word with the query is absent
     */
    public List<Match> search(String text, int topK, Set<String> admitted) {
        return score(text, topK, admitted, List.of()).best();
    }

    /**
     * BM25 scores of the given items for the query, equal to those {@link #search} gives them; items
     * sharing no word with it, and unknown ids, are absent. Order follows Lucene's document order.
     */
    public List<Match> scoresOf(String text, Collection<String> ids) {
        return score(text, 0, null, ids).named();
    }

    /**
     * The highest BM25 score any item could reach for this query: the sum of the inverse document
     * frequencies of its distinct words found in the index (Lucene's BM25 gives a word at most its
     * idf, approached as the word repeats in a short text). Dividing by it puts a match on an absolute
     * scale in [0, 1]: how much of the query's information the item holds. Zero when no word of the
     * query is in the index.
     */
    public double ceiling(String text) {
        return score(text, 0, null, List.of()).ceiling();
    }

    private static List<Match> best(IndexSearcher searcher, Query words, int topK, Set<String> admitted)
            throws IOException {
        if (topK < 1 || (admitted != null && admitted.isEmpty())) {
            return List.of();
        }
        Query query = words;
        if (admitted != null) {
            List<BytesRef> ids = admitted.stream().map(BytesRef::new).toList();
            query = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST)
                    .add(new TermInSetQuery(ID, ids), BooleanClause.Occur.FILTER).build();
        }
        // Only the best topK are wanted, never how many items match: once topK are held, Lucene may
        // skip the items (and words) that cannot beat the worst of them.
        TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(topK, topK));
        List<Match> matches = idsOf(searcher.getIndexReader().leaves(), top.scoreDocs);
        // Lucene breaks score ties by document number, which depends on the write history: by id
        // instead, so the answer is a function of the data and the query.
        matches.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                : a.id().compareTo(b.id()));
        return matches;
    }

    /**
     * Scores each named item where it lies (its document found by id, the query's scorer advanced
     * to it) instead of filtering a search by the id set: 100 items cost a few hundred microseconds
     * whatever the number of items matching the words.
     */
    private static List<Match> named(IndexSearcher searcher, Query words, Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Weight weight = searcher.createWeight(searcher.rewrite(words), ScoreMode.COMPLETE, 1f);
        List<Match> matches = new ArrayList<>(ids.size());
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            List<Map.Entry<Integer, String>> docs = documentsOf(leaf.reader(), ids);
            if (docs.isEmpty()) {
                continue;
            }
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator iterator = scorer.iterator();
            for (Map.Entry<Integer, String> doc : docs) {
                if (iterator.docID() < doc.getKey()) {
                    iterator.advance(doc.getKey());
                }
                if (iterator.docID() == doc.getKey()) {
                    matches.add(new Match(doc.getValue(), scorer.score()));
                }
            }
        }
        return matches;
    }

    private static double ceiling(IndexSearcher searcher, List<TermStates> words) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        long documents = reader.getDocCount(TEXT);
        double sum = 0;
        for (TermStates word : words) {
            int frequency = word.docFreq();
            if (frequency > 0) {
                sum += Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
            }
        }
        return sum;
    }

    /** The live documents of a segment holding these ids, with their ids, in document order. */
    private static List<Map.Entry<Integer, String>> documentsOf(LeafReader reader, Collection<String> ids)
            throws IOException {
        Terms terms = reader.terms(ID);
        if (terms == null) {
            return List.of();
        }
        TermsEnum idTerms = terms.iterator();
        Bits live = reader.getLiveDocs();
        PostingsEnum postings = null;
        List<Map.Entry<Integer, String>> docs = new ArrayList<>();
        for (String id : ids) {
            if (!idTerms.seekExact(new BytesRef(id))) {
                continue;
            }
            postings = idTerms.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.add(Map.entry(doc, id));
                }
            }
        }
        docs.sort(Map.Entry.comparingByKey());
        return docs;
    }

    /**
     * The hits with their ids, in document order: one reader of the ids per segment, moved forward
     * only (a reader per hit cost more than the search's own scoring allocated).
     */
    private static List<Match> idsOf(List<LeafReaderContext> leaves, ScoreDoc[] hits) throws IOException {
        ScoreDoc[] inOrder = hits.clone();
        Arrays.sort(inOrder, Comparator.comparingInt(hit -> hit.doc));
        List<Match> matches = new ArrayList<>(inOrder.length);
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (ScoreDoc hit : inOrder) {
            if (leaf == null || hit.doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                values = leaf.reader().getBinaryDocValues(ID);
            }
            int doc = hit.doc - leaf.docBase;
            if (values == null || !values.advanceExact(doc)) {
                throw new IllegalStateException("document " + doc + " has no id");
            }
            matches.add(new Match(values.binaryValue().utf8ToString(), hit.score));
        }
        return matches;
    }

    /** The distinct analyzed words of a text, at most {@link #MAX_QUERY_TERMS}, in order. */
    private Set<String> termsOf(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** @throws AlreadyClosedException when the index was closed (its namespace dropped) */
    private IndexSearcher acquire() {
        try {
            long wanted = changes.get();
            if (refreshed < wanted) {
                synchronized (refreshLock) {
                    if (refreshed < wanted) {
                        // Read before refreshing: every change counted in it has returned, so the
                        // refreshed reader holds it.
                        long upTo = changes.get();
                        searchers.maybeRefreshBlocking();
                        refreshed = upTo;
                    }
                }
            }
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
