package dev.storefront.events;

/**
 * Where a reader of the event table stands, and the rule that keeps it from skipping an event.
 *
 * <p>Ids are taken at insert but become visible at commit, so id 42 can be read while 41 is still
 * in flight. The reader hands on events only up to the first missing id. A missing id is either
 * in flight or gone for good (rolled back). Its transaction took the id, and so already held its
 * xid (the event insert assigns the xid first), before the higher id that revealed the gap was
 * taken, committed and read. So an xid assigned after the gap was seen (the horizon, which the
 * reader fetches then) is above that transaction's. Once a later snapshot's xmin reaches the
 * horizon, every transaction with a lower xid has ended: an id still missing then never commits,
 * and is passed over.
 *
 * <p>The snapshot that revealed the gap cannot give the horizon: its xmax is one past the newest
 * <em>completed</em> xid, and a transaction that took a higher xid and is still running is
 * neither below it nor in the snapshot's list, so its xmin can equal its xmax while that
 * transaction is open.
 */
public final class FeedCursor {
  private static final long UNKNOWN = -1;

  private long position;
  /** The unresolved gap: ids in [gapFrom, gapTo) were missing when gapTo was read. */
  private long gapFrom = -1;
  private long gapTo = -1;
  /** An xid assigned after the gap was seen, or {@link #UNKNOWN} until the reader supplies one. */
  private long horizon = UNKNOWN;

  public FeedCursor(long position) {
    this.position = position;
  }

  /** Every event with an id up to this one has been handed on or will never commit. */
  public long position() {
    return position;
  }

  /**
   * Takes the ids of one read (ascending, all above {@link #position()}) and the xmin of its
   * snapshot; returns how many of them, from the first, may be handed on now.
   */
  public int advance(long[] ids, int count, long xmin) {
    int ready = 0;
    while (ready < count) {
      long next = ids[ready];
      long expected = position + 1;
      if (next == expected) {
        position = next;
        ready++;
      } else if (!(gapFrom <= expected && expected < gapTo)) {
        // A new gap: nothing past it until a horizon is known and reached.
        gapFrom = expected;
        gapTo = next;
        horizon = UNKNOWN;
        return ready;
      } else if (horizon != UNKNOWN && xmin >= horizon) {
        // Missing when the gap was seen, and every transaction that could hold it has ended.
        position = Math.min(gapTo, next) - 1;
      } else {
        return ready;
      }
    }
    return ready;
  }

  /** True while events above the position wait for a missing id to commit or be ruled out. */
  public boolean waiting() {
    return gapTo > position + 1 && gapFrom <= position + 1;
  }

  /** True when the reader should fetch a newly assigned xid and hand it to {@link #horizon(long)}. */
  public boolean needsHorizon() {
    return waiting() && horizon == UNKNOWN;
  }

  /** An xid assigned after the current gap was seen (fetched once {@link #needsHorizon()} said so). */
  public void horizon(long xid) {
    if (needsHorizon()) horizon = xid;
  }
}
