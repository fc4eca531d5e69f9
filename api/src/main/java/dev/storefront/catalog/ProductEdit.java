package dev.storefront.catalog;

/** An admin edit of a product: each null field stays as it is. */
public record ProductEdit(String name, String description, Integer priceCents, Boolean active) {}
