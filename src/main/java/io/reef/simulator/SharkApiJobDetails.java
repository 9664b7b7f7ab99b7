package io.reef.simulator;

/**
 * What a simulated SharkAPI job needs to be rendered.
 *
 * @param mode {@code 1k} or {@code 2k}
 * @param estimatedCost the {@code estimated_cost} string, verbatim
 * @param finalCost the final {@code cost} string of a complete job, verbatim; {@code null} = omitted
 */
record SharkApiJobDetails(String mode, String estimatedCost, String finalCost) {
}
