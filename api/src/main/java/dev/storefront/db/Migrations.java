package dev.storefront.db;

import dev.storefront.config.AppConfig;
import org.flywaydb.core.Flyway;

/** Flyway over JDBC. Blocking: call it from a CLI thread or {@code executeBlocking}. */
public final class Migrations {
  private Migrations() {}

  public static int migrate(AppConfig config) {
    var db = config.database();
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .schemas(config.databaseSchema())
        .createSchemas(true)
        .locations("classpath:db/migration")
        .connectRetries(3)
        .load();
    return flyway.migrate().migrationsExecuted;
  }
}
