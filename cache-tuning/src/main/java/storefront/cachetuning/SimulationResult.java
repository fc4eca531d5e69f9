package storefront.cachetuning;

/**
 * Outcome of one simulation run, counted after the warm-up window.
 *
 * @param plp PLP counts, or {@code null} when PLP pages were not simulated
 * @param meanL1Entries live L1 entries (PDP and PLP, in flight or within their TTL) per pod,
 *     averaged over one-second samples of the measured window: the memory the L1 TTL buys
 */
public record SimulationResult(SimulationConfig config, TierCounts pdp, TierCounts plp, double meanL1Entries) {

    public TierCounts overall() {
        return plp == null ? pdp : pdp.plus(plp);
    }

    public double measuredSeconds() {
        return config.measuredSeconds();
    }

    public double perSecond(long count) {
        return count / measuredSeconds();
    }
}
