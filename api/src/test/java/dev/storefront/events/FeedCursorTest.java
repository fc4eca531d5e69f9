package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedCursorTest {
  static int advance(FeedCursor cursor, long xmin, long xmax, long... ids) {
    return cursor.advance(ids, ids.length, xmin, xmax);
  }

  @Test
  void consecutiveIdsAllPass() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 100, 100, 11, 12, 13)).isEqualTo(3);
    assertThat(cursor.position()).isEqualTo(13);
  }

  @Test
  void aMissingIdHoldsBackWhatFollowsWhileTransactionsThenInFlightRun() {
    FeedCursor cursor = new FeedCursor(10);
    // 11 and 13 committed; 12 missing while transaction 95 (among those below xmax 100) runs.
    assertThat(advance(cursor, 95, 100, 11, 13)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(11);
    assertThat(cursor.waiting()).isTrue();
    // Still running: nothing more passes, however often it is read.
    assertThat(advance(cursor, 95, 101, 13, 14)).isZero();
    // 12 commits: it passes, then what followed, in id order.
    assertThat(advance(cursor, 101, 102, 12, 13, 14)).isEqualTo(3);
    assertThat(cursor.position()).isEqualTo(14);
    assertThat(cursor.waiting()).isFalse();
  }

  @Test
  void anIdStillMissingOnceEveryTransactionThenInFlightHasEndedIsPassedOver() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 95, 100, 13)).isZero();
    // Transactions started after the gap was seen (xmin 99 < 100) still count: wait.
    assertThat(advance(cursor, 99, 120, 13)).isZero();
    // Everything below 100 has ended and 11, 12 never came: rolled back.
    assertThat(advance(cursor, 100, 120, 13)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(13);
  }

  @Test
  void aGapSeenWithNothingInFlightIsPassedOverAtOnce() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 50, 50, 12, 13)).isEqualTo(2);
    assertThat(cursor.position()).isEqualTo(13);
  }

  @Test
  void aGapFilledAfterItWasSeenIsDeliveredNotSkipped() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 95, 100, 14)).isZero();
    // 12 commits; 11 and 13 turn out rolled back.
    assertThat(advance(cursor, 100, 110, 12, 14)).isEqualTo(2);
    assertThat(cursor.position()).isEqualTo(14);
  }

  @Test
  void aLaterGapWaitsForItsOwnHorizon() {
    FeedCursor cursor = new FeedCursor(10);
    assertThat(advance(cursor, 95, 100, 12)).isZero();
    // 11 resolved as rolled back; 13 is missing, seen now at xmax 130 with 120 in flight.
    assertThat(advance(cursor, 120, 130, 12, 14)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(12);
    assertThat(advance(cursor, 125, 131, 14)).isZero();
    assertThat(advance(cursor, 130, 131, 14)).isEqualTo(1);
    assertThat(cursor.position()).isEqualTo(14);
  }
}
