package storefront.cachetuning;

import java.util.Arrays;

/**
 * One pod's in-process cache over integer keys: expire-after-write TTL plus a size bound.
 * Entries are kept in an intrusive LRU list; when full, the least recently used entry goes.
 * (Caffeine uses W-TinyLFU, which keeps popular keys at least as well, so LRU is the cautious
 * approximation.) An entry whose load is still in flight answers as {@link State#LOADING}.
 */
final class L1Cache {

    enum State { HIT, LOADING, ABSENT }

    private static final int NONE = -1;

    private final long ttlNanos;
    private final int maxEntries;
    private final long[] readyAt;
    private final long[] expiresAt;
    private final boolean[] present;
    private final int[] prev;
    private final int[] next;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    L1Cache(int keys, long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.readyAt = new long[keys];
        this.expiresAt = new long[keys];
        this.present = new boolean[keys];
        this.prev = new int[keys];
        this.next = new int[keys];
        Arrays.fill(prev, NONE);
        Arrays.fill(next, NONE);
    }

    boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    int size() {
        return size;
    }

    /**
     * Entries held at {@code now}: loads in flight and values within their TTL. {@link #size()}
     * also counts expired entries not yet looked up again; Caffeine drops those in its maintenance.
     */
    int live(long now) {
        int live = 0;
        for (int key = head; key != NONE; key = next[key]) {
            if (now < expiresAt[key]) {
                live++;
            }
        }
        return live;
    }

    State lookup(int key, long now) {
        if (!present[key]) {
            return State.ABSENT;
        }
        if (now < readyAt[key]) {
            return State.LOADING;
        }
        if (now < expiresAt[key]) {
            moveToHead(key);
            return State.HIT;
        }
        unlink(key);
        return State.ABSENT;
    }

    /** Registers a load started now that completes at {@code ready}; the TTL runs from completion. */
    void startLoad(int key, long ready) {
        if (!enabled()) {
            return;
        }
        if (present[key]) {
            unlink(key);
        }
        while (size >= maxEntries && tail != NONE) {
            unlink(tail);
        }
        readyAt[key] = ready;
        expiresAt[key] = ready + ttlNanos;
        present[key] = true;
        linkAtHead(key);
    }

    void invalidate(int key) {
        if (present[key]) {
            unlink(key);
        }
    }

    private void moveToHead(int key) {
        if (head != key) {
            unlink(key);
            present[key] = true;
            linkAtHead(key);
        }
    }

    private void linkAtHead(int key) {
        prev[key] = NONE;
        next[key] = head;
        if (head != NONE) {
            prev[head] = key;
        }
        head = key;
        if (tail == NONE) {
            tail = key;
        }
        size++;
    }

    private void unlink(int key) {
        int p = prev[key];
        int n = next[key];
        if (p != NONE) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n != NONE) {
            prev[n] = p;
        } else {
            tail = p;
        }
        prev[key] = NONE;
        next[key] = NONE;
        present[key] = false;
        size--;
    }
}
