package storefront.cachetuning;

/**
 * Outcome of one simulation run, counted after the warm-up window.
 *
 * @param plp PLP counts, or {@code null} when PLP pages were not simulated
 */
public record SimulationResult(SimulationConfig config, TierCounts pdp, TierCounts plp) {

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
