package dev.storefront.cli;

import dev.storefront.auth.AdminAccount;
import dev.storefront.catalog.CatalogSeeder;
import dev.storefront.config.AppConfig;
import dev.storefront.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "seed", description = "Load the standard data set (deterministic; re-running restores it).")
public final class SeedCommand implements Callable<Integer> {
  @Option(names = "--products", defaultValue = "10000", description = "Number of products (default ${DEFAULT-VALUE}).")
  int products;

  @Override
  public Integer call() throws Exception {
    if (products < 1 || products > 1_000_000) throw new IllegalArgumentException("--products must be 1..1000000");
    AppConfig config = AppConfig.fromEnvironment();
    Migrations.migrate(config);
    var result = new CatalogSeeder(config).seed(products);
    System.out.println("Seeded " + result.categories() + " categories and " + result.products() + " products");
    String adminEmail = System.getenv("ADMIN_EMAIL");
    String adminPassword = System.getenv("ADMIN_PASSWORD");
    if (adminEmail != null && adminPassword != null) {
      AdminAccount.ensure(config, adminEmail, adminPassword);
      System.out.println("Admin account " + adminEmail + " is ready");
    }
    return 0;
  }
}
