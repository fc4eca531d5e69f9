package dev.storefront.support;

import dev.storefront.config.AppConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Blocking JDBC on a test app's schema, for arranging rows and checking invariants directly. */
public final class Sql {
  private final AppConfig config;

  public Sql(AppConfig config) {
    this.config = config;
  }

  private Connection connect() throws SQLException {
    var db = config.database();
    return DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + config.databaseSchema(), db.user(),
        db.password());
  }

  /** The first column of the first row, as a long (0 when there is no row or it is null). */
  public long scalar(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of every row. */
  public java.util.List<Long> longs(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      java.util.List<Long> values = new java.util.ArrayList<>();
      while (rs.next()) values.add(rs.getLong(1));
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String text(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public int update(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection with a transaction open (autocommit off): holds row locks while requests run. */
  public Connection begin() {
    try {
      Connection c = connect();
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    return ps;
  }
}
