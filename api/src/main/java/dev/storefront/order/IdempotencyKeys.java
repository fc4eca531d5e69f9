package dev.storefront.order;

import dev.storefront.db.SqlFiles;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import dev.storefront.web.Bytes;

/**
 * Stripe's Idempotency-Key semantics, per user: the key is claimed in the transaction that does the
 * work and the response stored in it, so a failure leaves no key behind (a retry runs again) and a
 * success is replayed byte for byte. A concurrent request with the same key waits for the first
 * and then replays its answer.
 */
final class IdempotencyKeys {
  static final int MAX_LENGTH = 255;
  private static final String CLAIM = SqlFiles.load("order/claim-key.sql");
  private static final String STORED = SqlFiles.load("order/stored-key.sql");
  private static final String STORE = SqlFiles.load("order/store-response.sql");
  private static final String PRUNE = SqlFiles.load("order/prune-keys.sql");

  record Reply(int status, Buffer body, boolean replayed) {}

  private IdempotencyKeys() {}

  static String validated(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_LENGTH) {
      throw ProblemException.badRequest("Idempotency-Key is required: 1-" + MAX_LENGTH + " characters");
    }
    return key;
  }

  static Buffer hash(Buffer body) {
    return Buffer.buffer(Bytes.sha256(body.getBytes()));
  }

  /** True when this request owns the key now; false when an earlier request with it has committed. */
  static Future<Boolean> claim(SqlClient tx, long userId, String key, Buffer hash) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(userId, key, hash)).map(rows -> rows.rowCount() > 0);
  }

  static Future<Void> store(SqlClient tx, long userId, String key, int status, Buffer body) {
    return tx.preparedQuery(STORE).execute(Tuple.of(userId, key, status, body)).mapEmpty();
  }

  /** The earlier answer for this key, or 422 when the key came with a different body. */
  static Future<Reply> replay(SqlClient tx, long userId, String key, Buffer hash) {
    return tx.preparedQuery(STORED).execute(Tuple.of(userId, key)).map(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row == null || row.getInteger("status_code") == 0) {
        throw new ProblemException(409, "idempotency-key-in-use", "Request in progress",
            "A request with this Idempotency-Key is still running; retry shortly.");
      }
      if (!row.getBuffer("request_hash").equals(hash)) {
        throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
            "This Idempotency-Key was used with a different request body.");
      }
      return new Reply(row.getInteger("status_code"), row.getBuffer("response_body"), true);
    });
  }

  static Future<Integer> prune(Pool pool) {
    return pool.preparedQuery(PRUNE).execute().map(RowSet::rowCount);
  }
}
