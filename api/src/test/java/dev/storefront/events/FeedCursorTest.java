package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedCursorTest {
  static int advance(FeedCursor cursor, long xmin, long... ids) {
    return cursor.advance(ids, ids.length, xmin);
  }

  @Test
  void consecutiveIdsAllPass() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 100, 11, 12, 13)).isEqualTo(3);
    assertThat(cursor.position()).isEqualTo(13);
    assertThat(cursor.needsHorizon()).isFalse();
  }

  @Test
  void aMissingIdHoldsBackWhatFollowsUntilItCommits() {
    FeedCursor cursor = new FeedCursor(10);
    // 11 and 13 committed; 12 missing.
    assertThat(advance(cursor, 95, 11, 13)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(11);
    assertThat(cursor.waiting()).isTrue();
    assertThat(cursor.needsHorizon()).isTrue();
    cursor.horizon(100);
    // Transaction 97 may still hold 12: nothing more passes, however often it is read.
    assertThat(advance(cursor, 97, 13, 14)).isZero();
    // 12 commits: it passes, then what followed, in id order.
    assertThat(advance(cursor, 97, 12, 13, 14)).isEqualTo(3);
    assertThat(cursor.position()).isEqualTo(14);
    assertThat(cursor.waiting()).isFalse();
  }

  @Test
  void aGapIsNeverPassedOverBeforeAHorizonIsKnownHoweverHighTheSnapshotsXmin() {
    FeedCursor cursor = new FeedCursor(10);
    // The snapshot that shows the gap says nothing of a transaction with a higher xid still open.
    assertThat(advance(cursor, 500, 12, 13)).isZero();
    assertThat(advance(cursor, 900, 12, 13)).isZero();
    assertThat(cursor.needsHorizon()).isTrue();
    cursor.horizon(1_000);
    assertThat(advance(cursor, 999, 12, 13)).isZero();
    // Every transaction below 1000 has ended and 11 never came: rolled back.
    assertThat(advance(cursor, 1_000, 12, 13)).isEqualTo(2);
    assertThat(cursor.position()).isEqualTo(13);
  }

  @Test
  void aGapFilledAfterItWasSeenIsDeliveredNotSkipped() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 95, 14)).isZero();
    cursor.horizon(100);
    // 12 commits; 11 and 13 turn out rolled back.
    assertThat(advance(cursor, 100, 12, 14)).isEqualTo(2);
    assertThat(cursor.position()).isEqualTo(14);
  }

  @Test
  void aLaterGapWaitsForAHorizonOfItsOwn() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 95, 12)).isZero();
    cursor.horizon(100);
    // 11 resolved as rolled back; 13 is missing: a new gap, which the old horizon does not cover.
    assertThat(advance(cursor, 120, 12, 14)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(12);
    assertThat(cursor.needsHorizon()).isTrue();
    assertThat(advance(cursor, 125, 14)).isZero();
    cursor.horizon(130);
    assertThat(advance(cursor, 129, 14)).isZero();
    assertThat(advance(cursor, 130, 14)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(14);
  }

  @Test
  void aHorizonOffersWhenNoneIsNeededAreIgnored() {
    FeedCursor cursor = new FeedCursor(10);
    cursor.horizon(5);
    assertThat(advance(cursor, 95, 12)).isZero();
    assertThat(cursor.needsHorizon()).isTrue();
    cursor.horizon(100);
    cursor.horizon(200);
    assertThat(advance(cursor, 150, 12)).isEqualTo(1);
  }
}
