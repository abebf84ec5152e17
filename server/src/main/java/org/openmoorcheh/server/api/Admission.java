package org.openmoorcheh.server.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openmoorcheh.server.errors.BusyException;

/**
 * Bounds the work the server holds at once: requests being handled, and the bytes of their bodies
 * larger than 64 KiB (which are read whole into memory). A request that cannot get both within {@link #WAIT_MILLIS} is
 * marked refused and passes on to routing without them, where {@link #refuseIfMarked} turns it into
 * a 429 with {@code Retry-After}, logged and counted like every answer. Health, readiness and
 * metrics are never held back: they are how an operator sees the overload.
 *
 * <p>A servlet filter, because only it wraps the whole handling of a request in one call and can
 * release what it took however that call ends (no handler here answers asynchronously).
 */
public final class Admission implements Filter {

    /** How long a request may wait for room before it is refused: smooths bursts, bounds the wait. */
    static final long WAIT_MILLIS = 500;
    static final String MESSAGE = "The server is handling as many requests as it takes at once;"
            + " nothing of this request was done. Retry in a moment.";
    private static final String REFUSED = "moorcheh.admission.refused";
    private static final Set<String> ALWAYS = Set.of("/health", "/ready", "/metrics");
    /**
     * Bodies up to this size are bounded by the request count alone (64 x 64 KiB is little), so a
     * search never queues for bytes behind a large upload that waits for room.
     */
    private static final long SMALL_BODY_BYTES = 64 * 1024;

    private final Semaphore requests;
    private final Semaphore kibibytes;
    private final int maxKibibytes;

    /**
     * @param maxRequests requests handled at once
     * @param maxBodyBytes bytes of request bodies held at once; a body larger than this (or of
     *     unknown length) counts as this much, so it runs alone
     */
    public Admission(int maxRequests, long maxBodyBytes) {
        this.requests = new Semaphore(maxRequests, true);
        this.maxKibibytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBodyBytes / 1024));
        this.kibibytes = new Semaphore(maxKibibytes, true);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (ALWAYS.contains(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        int body = kibibytesOf(http);
        boolean admitted = false;
        boolean counted = false;
        try {
            counted = requests.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            admitted = counted && (body == 0 || kibibytes.tryAcquire(body, WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!admitted) {
            if (counted) {
                requests.release();
            }
            request.setAttribute(REFUSED, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (body > 0) {
                kibibytes.release(body);
            }
            requests.release();
        }
    }

    private int kibibytesOf(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if ((length >= 0 && length <= SMALL_BODY_BYTES)
                || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return 0;
        }
        return length < 0 ? maxKibibytes : (int) Math.min(maxKibibytes, Math.max(1, (length + 1023) / 1024));
    }

    /** The first before-handler: a request refused admission goes no further. */
    public static void refuseIfMarked(io.javalin.http.Context ctx) {
        if (ctx.req().getAttribute(REFUSED) != null) {
            throw new BusyException(MESSAGE);
        }
    }
}
