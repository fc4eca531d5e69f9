package dev.storefront.backup;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a database held at one instant: the row count of every table in the schema and an MD5 over
 * the rows of the tables whose loss would hurt most (catalog, accounts, orders, points). Computed
 * in the backup's own snapshot, so it describes exactly what the dump holds, and again after a
 * restore, where it must come out identical.
 */
final class TableManifest {
  /** Checksummed in full; the rest (events, tokens, carts) are counted only. */
  static final Set<String> KEY_TABLES = Set.of("categories", "products", "users", "orders", "order_items",
      "points_ledger", "point_balances", "payment_events");

  private TableManifest() {}

  /** Table name to {@code {rows, md5?}}, sorted by name. */
  static JsonObject of(Connection c, String schema) throws SQLException {
    try (Statement s = c.createStatement()) {
      // A row's text form depends on these session settings; both sides use the same ones.
      s.execute("SET LOCAL TimeZone = 'UTC'");
      s.execute("SET LOCAL DateStyle = 'ISO, YMD'");
      s.execute("SET LOCAL extra_float_digits = 1");
    }
    Map<String, Object> tables = new TreeMap<>();
    for (String table : tables(c, schema)) {
      String name = quote(schema) + "." + quote(table);
      JsonObject entry = new JsonObject();
      String sql = KEY_TABLES.contains(table)
          ? "SELECT count(*), md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + name + " t"
          : "SELECT count(*) FROM " + name;
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        entry.put("rows", rs.getLong(1));
        if (KEY_TABLES.contains(table)) entry.put("md5", rs.getString(2));
      }
      tables.put(table, entry);
    }
    return new JsonObject(tables);
  }

  /** The differences, one line each; empty when {@code actual} matches {@code expected}. */
  static List<String> differences(JsonObject expected, JsonObject actual) {
    List<String> diffs = new ArrayList<>();
    for (String table : expected.fieldNames()) {
      JsonObject want = expected.getJsonObject(table);
      JsonObject got = actual.getJsonObject(table);
      if (got == null) {
        diffs.add(table + ": missing after restore");
      } else if (!want.equals(got)) {
        diffs.add(table + ": expected " + want.encode() + ", restored " + got.encode());
      }
    }
    for (String table : actual.fieldNames()) {
      if (!expected.containsKey(table)) diffs.add(table + ": not in the manifest");
    }
    return diffs;
  }

  private static List<String> tables(Connection c, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
