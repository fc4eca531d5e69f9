package dev.storefront.support;

/** The payment stand-in's hosted page: the order, the amount, pay and decline. */
final class PaymentPage {
  private PaymentPage() {}

  static String html(PaymentRequest p) {
    String amount = String.format("%d.%02d %s", p.amount() / 100, p.amount() % 100, p.currency());
    String hidden = hidden("reference", p.reference()) + hidden("order", Long.toString(p.orderId()))
        + hidden("amount", Long.toString(p.amount())) + hidden("currency", p.currency()) + hidden("return", p.returnUrl());
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Payment (test provider)</title>
        <style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
        .amount{font-size:2rem;margin:.5rem 0 1.5rem}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style>
        </head><body>
        <p>Test payment provider: no money moves.</p>
        <h1>Order <span data-testid="provider-order">%s</span></h1>
        <p class="amount" data-testid="provider-amount">%s</p>
        <form method="post" action="/pay">%s
        <button type="submit" name="outcome" value="succeeded" data-testid="provider-pay">Pay %s</button>
        <button type="submit" name="outcome" value="declined" data-testid="provider-decline">Decline</button>
        </form></body></html>
        """.formatted(p.orderId(), escape(amount), hidden, escape(amount));
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
