package dev.storefront.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** Product rows to the JSON of the contract's {@code Product}, {@code AdminProduct} and {@code ProductSummary}. */
final class ProductJson {
  private final String mediaBaseUrl;

  ProductJson(String mediaBaseUrl) {
    this.mediaBaseUrl = mediaBaseUrl.endsWith("/") ? mediaBaseUrl : mediaBaseUrl + "/";
  }

  JsonObject detail(Row row) {
    int stock = row.getInteger("stock");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("sku", row.getString("sku"))
        .put("slug", slug(row.getString("name"), row.getLong("id")))
        .put("name", row.getString("name"))
        .put("description", row.getString("description"))
        .put("categoryId", row.getInteger("category_id"))
        .put("price", BigDecimal.valueOf(row.getInteger("price_cents"), 2))
        .put("currency", row.getString("currency"))
        .put("stock", stock)
        .put("inStock", stock > 0)
        .put("imageUrl", mediaBaseUrl + row.getString("image_key"))
        .put("createdAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.getOffsetDateTime("created_at")))
        .put("updatedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.getOffsetDateTime("updated_at")));
  }

  JsonObject admin(Row row) {
    return detail(row).put("active", row.getBoolean("active"));
  }

  JsonObject summary(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("sku", row.getString("sku"))
        .put("slug", slug(row.getString("name"), row.getLong("id")))
        .put("name", row.getString("name"))
        .put("categoryId", row.getInteger("category_id"))
        .put("price", BigDecimal.valueOf(row.getInteger("price_cents"), 2))
        .put("currency", row.getString("currency"))
        .put("inStock", row.getInteger("stock") > 0)
        .put("imageUrl", mediaBaseUrl + row.getString("image_key"));
  }

  static JsonObject page(JsonArray items, ProductListQuery query, ProductRepository.Page page) {
    return new JsonObject()
        .put("items", items)
        .put("page", query.page())
        .put("size", query.size())
        .put("hasNext", page.hasNext())
        .put("total", page.total())
        .put("totalExact", page.exact());
  }

  /**
   * The product's URL name: its name in lower-case ASCII letters and digits, runs of anything else
   * as one '-', then '-' and the id, so it is unique and names the product even when names repeat.
   * Latin letters keep their base letter ("Crème brûlée" -> "creme-brulee"); a name with none left
   * is "product".
   */
  static String slug(String name, long id) {
    String words = NOT_SLUG.matcher(latin(name)).replaceAll("-");
    int start = 0;
    int end = words.length();
    while (start < end && words.charAt(start) == '-') start++;
    while (end > start && words.charAt(end - 1) == '-') end--;
    return (start == end ? "product" : words.substring(start, end)) + "-" + id;
  }

  /** Lower case, compatibility forms and accents folded away, and the Latin letters that do not decompose spelled out. */
  private static String latin(String name) {
    String folded = MARKS.matcher(Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD)).replaceAll("")
        .toLowerCase(Locale.ROOT); // again: a compatibility form may decompose to capitals (№ -> No)
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      int at = LETTERS.indexOf(c);
      if (at < 0) out.append(c);
      else out.append(SPELLED[at]);
    }
    return out.toString();
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final String LETTERS = "ßæœøłđþð";
  private static final String[] SPELLED = {"ss", "ae", "oe", "o", "l", "d", "th", "d"};
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
}
