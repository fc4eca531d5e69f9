package dev.storefront.auth;

import dev.storefront.config.AppConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Creates or resets the operator account (role admin). Blocking JDBC: CLI and dev run only. */
public final class AdminAccount {
  private AdminAccount() {}

  public static void ensure(AppConfig config, String email, String password) throws SQLException {
    String accepted = new PasswordPolicy().accept(password);
    String normalized = EmailAddress.normalize(email);
    String hash = new PasswordHasher().hash(accepted);
    var db = config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + config.databaseSchema(),
        db.user(), db.password());
        PreparedStatement ps = c.prepareStatement("INSERT INTO users (email, password_hash, display_name, role) "
            + "VALUES (?, ?, 'Administrator', 'admin') ON CONFLICT (email) DO UPDATE "
            + "SET password_hash = EXCLUDED.password_hash, role = 'admin', updated_at = now()")) {
      ps.setString(1, normalized);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
  }
}
