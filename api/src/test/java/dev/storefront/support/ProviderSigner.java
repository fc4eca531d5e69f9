package dev.storefront.support;

import dev.storefront.payment.ProviderEvent;

/** The payment stand-in's events, built and signed by the service's own provider-event code. */
public final class ProviderSigner {
  private ProviderSigner() {}

  public static PaymentProvider.Signer of(String webhookSecret) {
    return (succeeded, reference, orderId) -> {
      ProviderEvent.Signed e = ProviderEvent.signed(webhookSecret,
          succeeded ? ProviderEvent.SUCCEEDED : ProviderEvent.FAILED, reference, orderId);
      return new PaymentProvider.SignedEvent(e.body().getBytes(), e.signatureHeader());
    };
  }
}
