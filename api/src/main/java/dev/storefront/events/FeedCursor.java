package dev.storefront.events;

/**
 * Where a reader of the event table stands, and the rule that keeps it from skipping an event.
 *
 * <p>Ids are taken at insert but become visible at commit, so id 42 can be read while 41 is still
 * in flight. The reader hands on events only up to the first missing id. A missing id is either
 * in flight or gone for good (rolled back). Its transaction took the id, and so already held its
 * xid (the event insert assigns the xid first), before the higher id that revealed the gap was
 * taken, committed and read; so when the gap is first seen, that transaction is either finished or
 * among those in flight below the snapshot's xmax. Once a later snapshot's xmin reaches that xmax,
 * every such transaction has ended: an id still missing then never commits, and is passed over.
 */
public final class FeedCursor {
  private long position;
  /** The unresolved gap: ids in [gapFrom, gapTo) were missing when a snapshot with xmax = horizon saw gapTo. */
  private long gapFrom = -1;
  private long gapTo = -1;
  private long horizon;

  public FeedCursor(long position) {
    this.position = position;
  }

  /** Every event with an id up to this one has been handed on or will never commit. */
  public long position() {
    return position;
  }

  /**
   * Takes the ids of one read (ascending, all above {@link #position()}) and the xmin and xmax of
   * its snapshot; returns how many of them, from the first, may be handed on now.
   */
  public int advance(long[] ids, int count, long xmin, long xmax) {
    int ready = 0;
    while (ready < count) {
      long next = ids[ready];
      long expected = position + 1;
      if (next == expected) {
        position = next;
        ready++;
      } else if (gapFrom <= expected && expected < gapTo && xmin >= horizon) {
        // Missing when the gap was seen, and every transaction then in flight has ended.
        position = Math.min(gapTo, next) - 1;
      } else if (gapFrom <= expected && expected < gapTo) {
        return ready;
      } else {
        gapFrom = expected;
        gapTo = next;
        horizon = xmax;
        if (xmin >= horizon) continue;
        return ready;
      }
    }
    return ready;
  }

  /** True while events above the position wait for a missing id to commit or be ruled out. */
  public boolean waiting() {
    return gapTo > position + 1 && gapFrom <= position + 1;
  }
}
