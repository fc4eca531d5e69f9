package dev.storefront.cli;

import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = "Apply pending Flyway migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    AppConfig config = AppConfig.fromEnvironment();
    int applied = Migrations.migrate(config);
    System.out.println("Applied " + applied + " migration(s) to " + config.database());
    return 0;
  }
}
