package dev.storefront.catalog;

import dev.storefront.web.VisibleText;

/** An admin edit of a product: each null field stays as it is. A name is stored trimmed and may not be blank. */
public record ProductEdit(String name, String description, Integer priceCents, Boolean active) {
  public ProductEdit {
    if (name != null) name = VisibleText.required("name", name);
  }
}
