package dev.storefront.auth;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/** Accounts in PostgreSQL; emails arrive normalised. */
public final class UserRepository {
  private static final String INSERT = SqlFiles.load("auth/insert-user.sql");
  private static final String BY_EMAIL = SqlFiles.load("auth/user-by-email.sql");
  private static final String BY_ID = SqlFiles.load("auth/user-by-id.sql");
  private static final String UPDATE_PROFILE = SqlFiles.load("auth/update-profile.sql");
  private static final String UPGRADE_PASSWORD_HASH = SqlFiles.load("auth/upgrade-password-hash.sql");

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** The new user's row, or null when the email is taken. */
  public Future<Row> insert(String email, String passwordHash, String displayName, String role) {
    return insert(pool, email, passwordHash, displayName, role);
  }

  /** The new user's row, or null when the email is taken; on {@code client}, e.g. inside a transaction. */
  public Future<Row> insert(SqlClient client, String email, String passwordHash, String displayName, String role) {
    return client.preparedQuery(INSERT).execute(Tuple.of(email, passwordHash, displayName, role)).map(UserRepository::first);
  }

  /** Runs {@code work} in one transaction: all of it is kept, or none. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work::apply);
  }

  public Future<Row> byEmail(String email) {
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(email)).map(UserRepository::first);
  }

  public Future<Row> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(UserRepository::first);
  }

  public Future<Row> updateProfile(long id, String displayName) {
    return pool.preparedQuery(UPDATE_PROFILE).execute(Tuple.of(id, displayName)).map(UserRepository::first);
  }

  /**
   * Replaces the password hash only while it is still {@code oldHash}, so a password changed
   * meanwhile is never overwritten by a re-hash of the old one. True when it was replaced.
   */
  public Future<Boolean> upgradePasswordHash(long id, String oldHash, String newHash) {
    return pool.preparedQuery(UPGRADE_PASSWORD_HASH).execute(Tuple.of(id, oldHash, newHash))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Row first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next() : null;
  }
}
